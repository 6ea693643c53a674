import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread, resourceLimits } from 'node:worker_threads';

/**
 * The reading worker's own watch on its memory. The worker's heap limit
 * (`resourceLimits`) is only a backstop: when a worker reaches it while
 * growing one large array or string, V8 may abort the whole process instead
 * of ending the worker (nodejs/node#47224, still open) — the core with it.
 * So the parsers call `checkMemory()` as they go (every thousand or so
 * elements, rows or cells), and a reading that holds more than three
 * quarters of the limit after a full garbage collection stops itself with a
 * refusal, long before V8's limit. Outside a worker (tests calling a parser
 * directly) there is no limit to watch.
 */
const limitBytes = isMainThread ? 0 : (resourceLimits.maxOldGenerationSizeMb ?? 0) * 1024 * 1024;
const SHARE = 0.75;
const EVERY = 1024;

export class MemoryLimitError extends Error {
  constructor() {
    super('the reading outgrew its share of the worker heap');
  }
}

let calls = 0;
/** A full collection on demand, made while memory is plentiful (making it near the limit would itself take memory). */
const collect: (() => void) | null = limitBytes ? exposeGc() : null;

function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function used(): number {
  return v8.getHeapStatistics().used_heap_size;
}

export function checkMemory(): void {
  if (!collect || ++calls % EVERY !== 0) return;
  if (used() < limitBytes * SHARE) return;
  // Garbage counts in `used` until a collection: collect before deciding (a legitimate large file leaves much of it).
  collect();
  if (used() >= limitBytes * SHARE) throw new MemoryLimitError();
}
