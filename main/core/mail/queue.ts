import { In, IsNull } from 'typeorm';
import type { CoreRuntime } from '../host/runtime';
import { MailBatchEntity, MailFileEntity, MailOutboxItemEntity, type MailOutboxItem } from '../db/entities/mail';
import { judgeFailure, mailServer, mailTransport, type MailServer } from './transport';

/** After the n-th failed try, the next comes this many minutes later; after the last, the letter is given up. */
export const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360] as const;
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;
/** Letters taken in one run: a class's worth and more. */
const RUN_LIMIT = 200;
const ORIGIN = { userId: null, method: 'mail.queue' };

export interface RunOutcome {
  sent: number;
  refused: number;
  retry: number;
  failed: number;
}

interface Due {
  item: MailOutboxItem;
  attachment: { filename: string; content: Buffer } | null;
  missingFile: boolean;
}

/**
 * The parents' letters go out in the background, from the computer that
 * queued them (its data folder holds the server's password and the PDFs):
 * one run takes the letters that are due, sends them over one connection,
 * and records each outcome at once — sent with the server's Message-ID;
 * refused with the server's reason (a 5xx answer: trying again changes
 * nothing); or waiting again after 1, 5, 15, 60, 180 and 360 minutes when the
 * server is unreachable, answers 4xx or drops the connection, until the
 * tries are used up. Reading and recording take their turn on the core's
 * queue; the network never holds it.
 */
export class MailQueue {
  private running: Promise<RunOutcome> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** Kicks asked for and not yet begun: idle() waits for them too. */
  private kicks = 0;

  constructor(private readonly runtime: CoreRuntime) {}

  /** Looks for due letters every `intervalMs` (the host's schedule). */
  start(intervalMs = 30_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref?.();
    this.kick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A run soon (after the call that queued letters has committed). */
  kick(): void {
    this.kicks++;
    setImmediate(() => {
      this.kicks--;
      void this.run().catch((e) => this.runtime.log.error('Очередь писем родителям:', e));
    });
  }

  /** Runs until nothing more was asked for meanwhile; a second caller joins the run in progress. */
  run(): Promise<RunOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: RunOutcome = { sent: 0, refused: 0, retry: 0, failed: 0 };
      do {
        this.again = false;
        const once = await this.runOnce();
        for (const k of Object.keys(total) as (keyof RunOutcome)[]) total[k] += once[k];
      } while (this.again);
      return total;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no run is in progress (tests, and the host before it closes). */
  async idle(): Promise<void> {
    while (this.running || this.kicks > 0) {
      if (this.running) await this.running.catch(() => undefined);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async runOnce(): Promise<RunOutcome> {
    const outcome: RunOutcome = { sent: 0, refused: 0, retry: 0, failed: 0 };
    const read = await this.runtime.serialize(() => this.readDue());
    if (read.due.length === 0) return outcome;
    if ('problem' in read) {
      // Not configured, or no password on this computer: the letters wait, and say why.
      for (const d of read.due) await this.record(d.item, { kind: 'wait', message: read.problem, countTry: false });
      outcome.retry += read.due.length;
      return outcome;
    }
    const transport = mailTransport(this.runtime, read.server, { pool: true });
    try {
      for (const d of read.due) {
        if (d.missingFile) {
          await this.record(d.item, { kind: 'failed', message: 'Файл выписки не найден на этом компьютере: отправьте выписки заново.' });
          outcome.failed++;
          continue;
        }
        try {
          const info = await transport.sendMail({
            from: { name: read.server.fromName || read.server.fromAddress, address: read.server.fromAddress },
            to: { name: d.item.toName, address: d.item.toAddress },
            subject: d.item.subject,
            text: d.item.body,
            attachments: d.attachment ? [{ filename: d.attachment.filename, content: d.attachment.content, contentType: 'application/pdf' }] : [],
          });
          await this.record(d.item, { kind: 'sent', messageId: info.messageId ?? null });
          outcome.sent++;
        } catch (e) {
          const failure = judgeFailure(e);
          if (failure.permanent) {
            await this.record(d.item, { kind: 'refused', message: failure.message });
            outcome.refused++;
          } else if (d.item.attempts + 1 >= MAX_ATTEMPTS) {
            await this.record(d.item, { kind: 'failed', message: `${failure.message} Попыток: ${MAX_ATTEMPTS}; письмо не отправлено.` });
            outcome.failed++;
          } else {
            await this.record(d.item, { kind: 'wait', message: failure.message, countTry: true });
            outcome.retry++;
          }
        }
      }
    } finally {
      transport.close();
    }
    return outcome;
  }

  private async readDue(): Promise<{ due: Due[]; server: MailServer } | { due: Due[]; problem: string }> {
    const em = this.runtime.database().manager;
    const now = this.runtime.clock.now().toISOString();
    const items = await em
      .createQueryBuilder(MailOutboxItemEntity, 'i')
      .innerJoin(MailBatchEntity.options.name, 'b', 'b.id = i.batchId AND b.computerId = :computerId', { computerId: this.runtime.changes.computerId })
      .where(`i.status = 'waiting' AND i.deletedAt IS NULL AND (i.nextAttemptAt IS NULL OR i.nextAttemptAt <= :now)`, { now })
      .orderBy('i.createdAt', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(RUN_LIMIT)
      .getMany();
    if (items.length === 0) return { due: [], problem: '' };
    const batches = await em.find(MailBatchEntity, { where: { id: In([...new Set(items.map((i) => i.batchId))]) } });
    const extractBatches = new Set(batches.filter((b) => b.kind === 'extract').map((b) => b.id));
    const files = extractBatches.size
      ? await em.find(MailFileEntity, { where: { batchId: In([...extractBatches]), deletedAt: IsNull() } })
      : [];
    const due = items.map((item): Due => {
      if (!extractBatches.has(item.batchId)) return { item, attachment: null, missingFile: false };
      const f = files.find((x) => x.batchId === item.batchId && x.studentId === item.studentId);
      return f ? { item, attachment: { filename: f.fileName, content: Buffer.from(f.contentBase64, 'base64') }, missingFile: false } : { item, attachment: null, missingFile: true };
    });
    try {
      return { due, server: await mailServer(em, this.runtime.dataDir) };
    } catch (e) {
      return { due, problem: (e as Error).message };
    }
  }

  private record(
    item: MailOutboxItem,
    result: { kind: 'sent'; messageId: string | null } | { kind: 'refused' | 'failed'; message: string } | { kind: 'wait'; message: string; countTry: boolean },
  ): Promise<void> {
    const now = this.runtime.clock.now();
    return this.runtime.serialize(() =>
      this.runtime.transact(ORIGIN, async (w) => {
        const current = await w.db.findOne(MailOutboxItemEntity, { where: { id: item.id } });
        // Taken back or handled meanwhile (another run, a retry by hand): leave it as it is.
        if (!current || current.status !== 'waiting' || current.deletedAt) return;
        const attempts = current.attempts + (result.kind === 'wait' && !result.countTry ? 0 : 1);
        if (result.kind === 'sent') {
          await w.update(MailOutboxItemEntity, item.id, { status: 'sent', attempts, sentAt: now.toISOString(), nextAttemptAt: null, lastError: null, messageId: result.messageId });
        } else if (result.kind === 'wait') {
          const minutes = result.countTry ? BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] : 5;
          await w.update(MailOutboxItemEntity, item.id, { attempts, lastError: result.message, nextAttemptAt: new Date(now.getTime() + minutes * 60_000).toISOString() });
        } else {
          await w.update(MailOutboxItemEntity, item.id, { status: result.kind, attempts, lastError: result.message, nextAttemptAt: null });
        }
      }),
    );
  }
}

const queues = new WeakMap<CoreRuntime, MailQueue>();

/** The runtime's one queue of parents' letters. */
export function mailQueue(runtime: CoreRuntime): MailQueue {
  let q = queues.get(runtime);
  if (!q) {
    q = new MailQueue(runtime);
    queues.set(runtime, q);
  }
  return q;
}
