import type { ReportEnv } from '../reports/definition';
import { A4_PORTRAIT, type ReportModel } from '../reports/model';
import { baseModel } from '../reports/forms/common';
import { initialsFirst, staffById } from '../reports/data/people';
import { UserEntity } from '../db/entities/users';
import type { Announcement } from '../db/entities/messages';
import { ruDate } from '../shared/dates';

/**
 * An announcement as a sheet for the staff room or the hall: the school, the
 * title in large letters, the text, for whom and until when, and who
 * announced it. Made by the report engine, so it prints as every other form.
 */
export async function announcementSheet(env: ReportEnv, a: Announcement, audienceText: string): Promise<ReportModel> {
  const author = await env.em.findOne(UserEntity, { where: { id: a.authorId } });
  const staff = author?.staffId ? (await staffById(env.em, [author.staffId])).get(author.staffId) : undefined;
  const period = a.fromDate === a.toDate ? ruDate(a.fromDate) : `с ${ruDate(a.fromDate)} по ${ruDate(a.toDate)}`;
  return baseModel(env, {
    kind: 'announcement',
    title: 'Объявление',
    page: A4_PORTRAIT,
    sections: [
      {
        blocks: [
          { kind: 'text', text: a.title, size: 18, bold: true, align: 'center' },
          { kind: 'text', text: a.body, size: 13 },
          // A blank line between the text and its particulars.
          { kind: 'text', text: ' ', size: 13 },
          { kind: 'fields', fields: [{ label: 'Для кого', value: audienceText }, { label: 'Действует', value: period }] },
        ],
      },
    ],
    signatures: [{ position: staff?.position || 'Объявил(а)', name: staff ? initialsFirst(staff) : (author?.login ?? '') }],
    fileName: `Объявление ${a.title}`.slice(0, 120),
  });
}
