import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError } from '../shared/errors';
import { PARSE_LIMITS } from './limits';
import { fileRefused } from './refusal';
import type { ParseInput, ParseOutput, ParseTask } from './parse-tasks';
import type { WorkerReply } from './parse-worker';

/**
 * Reads an uploaded file in a worker thread of its own, within the memory
 * and time limits of files/limits.ts: a file built to exhaust the program
 * costs one worker, which is stopped, and the user gets a Russian refusal
 * while the core goes on answering everyone else. See files/README.md.
 */

export interface UploadName {
  /** The file's name, for the refusal. */
  fileName: string;
  /** The form field it came in (`file`, `files`). */
  field: string;
}

export interface ReadLimits {
  heapMb: number;
  timeMs: number;
}

/**
 * An upload's bytes from the call's base64, in a buffer of their own, so that
 * they can be moved to the worker rather than copied into its heap.
 */
export function uploadBytes(base64: string): Uint8Array {
  const decoded = Buffer.from(base64, 'base64');
  const bytes = new Uint8Array(new ArrayBuffer(decoded.length));
  bytes.set(decoded);
  return bytes;
}

/** The buffers of the upload's bytes, handed to the worker (the caller's copies become empty). */
function transferables(input: unknown): ArrayBuffer[] {
  const found: ArrayBuffer[] = [];
  const visit = (v: unknown) => {
    if (v instanceof Uint8Array) {
      if (v.buffer instanceof ArrayBuffer && !found.includes(v.buffer)) found.push(v.buffer);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(input);
  return found;
}

let running = 0;
const waiting: (() => void)[] = [];

/** Readers running now (the tests watch a reading in progress). */
export function readingNow(): number {
  return running;
}

async function turn(): Promise<() => void> {
  if (running >= PARSE_LIMITS.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/**
 * The worker's code: the compiled `parse-worker.js` beside this file in a
 * built program (Electron's utility process, the installed CLI); when the
 * program runs from its TypeScript sources (tsx for the browser host and the
 * CLI, vitest for the tests) the worker first registers tsx, which is there
 * in a source checkout, then loads `parse-worker.ts`.
 */
function startWorker(workerData: { task: ParseTask; input: unknown }, resourceLimits: ResourceLimits): Worker {
  const transferList = transferables(workerData.input);
  if (__filename.endsWith('.js')) return new Worker(path.join(__dirname, 'parse-worker.js'), { workerData, resourceLimits, transferList });
  const tsx = require.resolve('tsx/cjs/api');
  const entry = path.join(__dirname, 'parse-worker.ts');
  const source = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData, resourceLimits, transferList });
}

export async function readInWorker<T extends ParseTask>(
  task: T,
  input: ParseInput<T>,
  upload: UploadName,
  limits: ReadLimits = PARSE_LIMITS,
): Promise<ParseOutput<T>> {
  const done = await turn();
  try {
    return (await runWorker(task, input, upload, limits)) as ParseOutput<T>;
  } finally {
    done();
  }
}

function runWorker(task: ParseTask, input: unknown, upload: UploadName, limits: ReadLimits): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ task, input }, { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            fileRefused(
              upload.fileName,
              `чтение заняло бы больше ${Math.round(limits.timeMs / 1000)} секунд — так долго читаются только испорченные или намеренно усложнённые файлы. Сохраните таблицу в новый файл (только нужные данные) и загрузите его.`,
              upload.field,
            ),
          ),
        ),
      limits.timeMs,
    );
    const memoryRefusal = () =>
      fileRefused(
        upload.fileName,
        `для чтения понадобилось бы больше ${limits.heapMb} МБ памяти — столько не нужно ни одному настоящему списку или расписанию. Возможно, файл испорчен или намеренно «раздут»; сохраните таблицу в новый файл и загрузите его.`,
        upload.field,
      );
    worker.on('message', (reply: WorkerReply) =>
      settle(() => {
        if (reply.ok) resolve(reply.value);
        else if ('refusal' in reply) reject(new AppError(reply.refusal.code, reply.refusal.message, reply.refusal.details));
        else if ('memory' in reply) reject(memoryRefusal());
        else reject(new Error(`reading ${upload.fileName} (${task}) failed: ${reply.failure}`));
      }),
    );
    // The backstop: V8's own limit ended the worker (files/memory-guard.ts says why it should rarely come to that).
    worker.on('error', (e: Error & { code?: string }) => settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryRefusal() : e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the reading worker for ${upload.fileName} (${task}) exited with code ${code} before answering`))));
  });
}
