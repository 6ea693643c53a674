import type { CoreRuntime } from '../host/runtime';
import type { Session } from '../auth/sessions';
import { newId } from '../shared/ids';
import { AppError } from '../shared/errors';
import type { ArchiveProgress, ArchiveResult } from './build';

/**
 * The archive of a whole school takes minutes, so it is written in the
 * background: the call returns a task id at once, progress goes out as core
 * events (`progress`), and `archive.job` tells how it ended. It reads its own
 * snapshot, so the work does not hold the program's calls.
 */
export interface ArchiveJobView {
  taskId: string;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  label: string;
  error: string | null;
  result: ArchiveResult | null;
}

const jobs = new WeakMap<CoreRuntime, Map<string, ArchiveJobView>>();

function jobsOf(runtime: CoreRuntime): Map<string, ArchiveJobView> {
  let map = jobs.get(runtime);
  if (!map) jobs.set(runtime, (map = new Map()));
  return map;
}

/** Starts the archive for the session that asked: its progress goes to that session only. */
export function startArchiveJob(
  runtime: CoreRuntime,
  session: Session | null,
  work: (onProgress: (p: ArchiveProgress) => void) => Promise<ArchiveResult>,
): ArchiveJobView {
  if (!session) throw new Error('an archive job needs the session that starts it');
  const map = jobsOf(runtime);
  if ([...map.values()].some((j) => j.status === 'running')) {
    throw new AppError('CONFLICT', 'Архив уже составляется. Дождитесь окончания.');
  }
  const job: ArchiveJobView = { taskId: newId(), status: 'running', done: 0, total: 1, label: 'Подготовка', error: null, result: null };
  map.set(job.taskId, job);
  const onProgress = (p: ArchiveProgress) => {
    Object.assign(job, p);
    runtime.events.toSession(session.token, { type: 'progress', taskId: job.taskId, done: p.done, total: p.total, label: p.label });
  };
  void work(onProgress).then(
    (result) => Object.assign(job, { status: 'done', result }),
    (e: unknown) => {
      runtime.log.error('archive failed', e);
      const message = e instanceof AppError ? e.message : `Архив не составлен: ${(e as Error).message}`;
      Object.assign(job, { status: 'failed', error: message });
    },
  );
  return { ...job };
}

export function archiveJob(runtime: CoreRuntime, taskId: string): ArchiveJobView {
  const job = jobsOf(runtime).get(taskId);
  if (!job) throw new AppError('NOT_FOUND', 'Задание составления архива не найдено.');
  return { ...job };
}
