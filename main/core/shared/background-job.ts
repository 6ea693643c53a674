import type { CoreRuntime } from '../host/runtime';
import type { Session } from '../auth/sessions';
import { newId } from './ids';
import { AppError } from './errors';

/**
 * Work that takes minutes (the year's archive, moving the school to another
 * database) runs in the background: the call returns a task id at once,
 * progress goes out as core events (`progress`) to the session that started
 * it, and the job's view tells how it ended. One job of a kind at a time.
 */
export interface JobProgress {
  done: number;
  total: number;
  label: string;
}

export interface JobView<R> extends JobProgress {
  taskId: string;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  /** Details of a failure the screen may show (the table that differed). */
  errorDetails: Record<string, unknown> | null;
  result: R | null;
}

export class BackgroundJobs<R> {
  private readonly jobs = new WeakMap<CoreRuntime, Map<string, JobView<R>>>();

  constructor(
    /** Russian: «Архив уже составляется. Дождитесь окончания.» */
    private readonly busyMessage: string,
    private readonly notFoundMessage: string,
    /** Russian, for an unexpected failure: «Архив не составлен». */
    private readonly failedPrefix: string,
  ) {}

  /** Starts `work` for the session that asked: its progress goes to that session only. */
  start(runtime: CoreRuntime, session: Session | null, work: (onProgress: (p: JobProgress) => void) => Promise<R>): JobView<R> {
    if (!session) throw new Error('a background job needs the session that starts it');
    const map = this.of(runtime);
    if ([...map.values()].some((j) => j.status === 'running')) throw new AppError('CONFLICT', this.busyMessage);
    const job: JobView<R> = { taskId: newId(), status: 'running', done: 0, total: 1, label: 'Подготовка', error: null, errorDetails: null, result: null };
    map.set(job.taskId, job);
    const onProgress = (p: JobProgress) => {
      Object.assign(job, { done: p.done, total: p.total, label: p.label });
      runtime.events.toSession(session.token, { type: 'progress', taskId: job.taskId, done: p.done, total: p.total, label: p.label });
    };
    void work(onProgress).then(
      (result) => Object.assign(job, { status: 'done', result }),
      (e: unknown) => {
        runtime.log.error(`${this.failedPrefix}: background job failed`, e);
        const message = e instanceof AppError ? e.message : `${this.failedPrefix}: ${(e as Error).message}`;
        const details = e instanceof AppError && e.details ? { ...e.details } : null;
        Object.assign(job, { status: 'failed', error: message, errorDetails: details });
      },
    );
    return { ...job };
  }

  view(runtime: CoreRuntime, taskId: string): JobView<R> {
    const job = this.of(runtime).get(taskId);
    if (!job) throw new AppError('NOT_FOUND', this.notFoundMessage);
    return { ...job };
  }

  running(runtime: CoreRuntime): JobView<R> | null {
    const job = [...this.of(runtime).values()].find((j) => j.status === 'running');
    return job ? { ...job } : null;
  }

  private of(runtime: CoreRuntime): Map<string, JobView<R>> {
    let map = this.jobs.get(runtime);
    if (!map) this.jobs.set(runtime, (map = new Map()));
    return map;
  }
}
