import { z } from 'zod';
import { actorOf, mutation, operation, query } from '../api/contract';
import { getSetting, setSetting } from '../settings/store';
import { SETTINGS } from '../settings/registry';
import { mailPasswordSet, passwordProtection, saveMailPassword } from './secret';
import { failureError, mailServer, mailTransport } from './transport';

const email = z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Адрес электронной почты вида name@example.ru');

/**
 * Settings → «Почта»: the school's SMTP server. Host, port, protection, user
 * and sender are the school's settings (they travel to every computer); the
 * password stays on this computer, sealed (secret.ts), and is never shown
 * again — the screen learns only whether it is set.
 */
export const mailSettingsMethods = {
  'mail.settings': query({
    params: z.object({}).strict(),
    access: 'settings.manage',
    action: 'просмотр настроек почты',
    handler: async (_p, ctx) => ({
      host: await getSetting(ctx.em, 'mail.host'),
      port: await getSetting(ctx.em, 'mail.port'),
      security: await getSetting(ctx.em, 'mail.security'),
      user: await getSetting(ctx.em, 'mail.user'),
      fromName: await getSetting(ctx.em, 'mail.fromName'),
      fromAddress: await getSetting(ctx.em, 'mail.fromAddress'),
      passwordSet: mailPasswordSet(ctx.runtime.dataDir),
      passwordProtection: passwordProtection(),
    }),
  }),

  'mail.saveSettings': mutation({
    params: z.object({
      host: SETTINGS['mail.host'].schema.refine((v) => v !== '', 'Укажите адрес почтового сервера'),
      port: SETTINGS['mail.port'].schema,
      security: SETTINGS['mail.security'].schema,
      user: SETTINGS['mail.user'].schema,
      fromName: SETTINGS['mail.fromName'].schema,
      fromAddress: email,
      /** A new password; absent: keep the one set; null: forget it. */
      password: z.string().max(500).nullable().optional(),
    }),
    access: 'settings.manage',
    action: 'изменение настроек почты',
    handler: async (p, ctx) => {
      await setSetting(ctx.write, 'mail.host', p.host);
      await setSetting(ctx.write, 'mail.port', p.port);
      await setSetting(ctx.write, 'mail.security', p.security);
      await setSetting(ctx.write, 'mail.user', p.user);
      await setSetting(ctx.write, 'mail.fromName', p.fromName);
      await setSetting(ctx.write, 'mail.fromAddress', p.fromAddress);
      if (p.password !== undefined) {
        saveMailPassword(ctx.runtime.dataDir, p.password === '' ? null : p.password);
        // That it changed is recorded; what it is, never.
        await ctx.write.event('MailPassword', actorOf(ctx).userId, p.password ? 'задан пароль почтового сервера' : 'удалён пароль почтового сервера');
      }
      return { passwordSet: mailPasswordSet(ctx.runtime.dataDir) };
    },
  }),

  /** A test message through the server as set, to see that it works before the parents' mail goes. */
  'mail.test': operation({
    params: z.object({ to: email }),
    access: 'settings.manage',
    action: 'проверка почтового сервера',
    handler: async (p, ctx) => {
      const server = await mailServer(ctx.runtime.database().manager, ctx.runtime.dataDir);
      const transport = mailTransport(ctx.runtime, server);
      try {
        const info = await transport.sendMail({
          from: { name: server.fromName || server.fromAddress, address: server.fromAddress },
          to: p.to,
          subject: 'Проверка почты — «Классный журнал»',
          text: 'Это проверочное письмо программы «Классный журнал». Если вы его читаете, почтовый сервер школы настроен верно.',
        });
        return { accepted: info.accepted.length > 0, response: String(info.response ?? '') };
      } catch (e) {
        throw failureError(e);
      } finally {
        transport.close();
      }
    },
  }),
};

