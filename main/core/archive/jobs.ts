import type { CoreRuntime } from '../host/runtime';
import type { Session } from '../auth/sessions';
import { BackgroundJobs, type JobView } from '../shared/background-job';
import type { ArchiveProgress, ArchiveResult } from './build';

/**
 * The archive of a whole school takes minutes, so it is written in the
 * background (shared/background-job.ts). It reads its own snapshot, so the
 * work does not hold the program's calls.
 */
export type ArchiveJobView = JobView<ArchiveResult>;

const jobs = new BackgroundJobs<ArchiveResult>(
  'Архив уже составляется. Дождитесь окончания.',
  'Задание составления архива не найдено.',
  'Архив не составлен',
);

/** Starts the archive for the session that asked: its progress goes to that session only. */
export function startArchiveJob(
  runtime: CoreRuntime,
  session: Session | null,
  work: (onProgress: (p: ArchiveProgress) => void) => Promise<ArchiveResult>,
): ArchiveJobView {
  return jobs.start(runtime, session, work);
}

export function archiveJob(runtime: CoreRuntime, taskId: string): ArchiveJobView {
  return jobs.view(runtime, taskId);
}
