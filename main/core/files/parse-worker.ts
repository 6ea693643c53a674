import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../shared/errors';
import { PARSE_TASKS, type ParseTask } from './parse-tasks';
import { MemoryLimitError } from './memory-guard';

/**
 * The entry of a reading worker (files/read-in-worker.ts starts it): runs one
 * task on the upload in `workerData` and posts the result, or the refusal,
 * back. The worker is used once and ends.
 */
export type WorkerReply =
  | { ok: true; value: unknown }
  | { ok: false; refusal: { code: AppError['code']; message: string; details?: AppError['details'] } }
  | { ok: false; memory: true }
  | { ok: false; failure: string };

const { task, input } = workerData as { task: ParseTask; input: never };

async function run(): Promise<WorkerReply> {
  try {
    return { ok: true, value: await PARSE_TASKS[task](input) };
  } catch (e) {
    if (e instanceof MemoryLimitError) return { ok: false, memory: true };
    if (e instanceof AppError) return { ok: false, refusal: { code: e.code, message: e.message, details: e.details } };
    return { ok: false, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

void run().then((reply) => parentPort!.postMessage(reply));
