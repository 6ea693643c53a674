import type { CoreRuntime } from '../host/runtime';
import type { Session } from '../auth/sessions';
import { newId } from '../shared/ids';
import { AppError } from '../shared/errors';
import { ReportCancelled, type RenderOptions } from './pdf/index';
import type { ReportFile } from './output';

/**
 * Long reports (a whole school's summary sheets, a year's journal) are written
 * in the background: the call that starts one returns at once with a task id,
 * progress is pushed as a core event, and the renderer may cancel. The core's
 * calls are serialised, so the writing must not sit inside a call, or a
 * «Отмена» would wait behind the very report it is meant to stop.
 */
export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  taskId: string;
  label: string;
  status: JobStatus;
  done: number;
  total: number;
  /** Russian, for a failure. */
  error: string | null;
  file: ReportFile | null;
}

interface Job extends JobView {
  userId: string;
  /** The session that started the job: its progress goes to that session only. */
  token: string;
  controller: AbortController;
  finishedAt: number | null;
}

/** Finished jobs are kept this long for the renderer to collect. */
const KEEP_MS = 15 * 60_000;
const registry = new WeakMap<CoreRuntime, Map<string, Job>>();

function jobsOf(runtime: CoreRuntime): Map<string, Job> {
  let jobs = registry.get(runtime);
  if (!jobs) {
    jobs = new Map();
    registry.set(runtime, jobs);
  }
  const now = Date.now();
  for (const [id, job] of jobs) if (job.finishedAt && now - job.finishedAt > KEEP_MS) jobs.delete(id);
  return jobs;
}

/** Starts writing a report in the background for the session that asked; returns its task id. */
export function startJob(
  runtime: CoreRuntime,
  session: Session | null,
  label: string,
  work: (options: RenderOptions) => Promise<ReportFile>,
): string {
  if (!session) throw new Error('a report job needs the session that starts it');
  const job: Job = {
    taskId: newId(),
    label,
    status: 'running',
    done: 0,
    total: 1,
    error: null,
    file: null,
    userId: session.actor.userId,
    token: session.token,
    controller: new AbortController(),
    finishedAt: null,
  };
  jobsOf(runtime).set(job.taskId, job);
  const progress = (done: number, total: number) => {
    job.done = done;
    job.total = total;
    runtime.events.toSession(job.token, { type: 'progress', taskId: job.taskId, done, total, label });
  };
  // Started on the next turn, after the starting call has answered.
  setImmediate(() => {
    work({ onProgress: progress, signal: job.controller.signal })
      .then((file) => {
        job.file = file;
        job.status = job.controller.signal.aborted ? 'cancelled' : 'done';
        if (job.status === 'cancelled') job.file = null;
      })
      .catch((e: unknown) => {
        if (e instanceof ReportCancelled || job.controller.signal.aborted) {
          job.status = 'cancelled';
        } else {
          job.status = 'failed';
          job.error = e instanceof AppError ? e.message : 'Не удалось сформировать отчёт. Повторите попытку; если ошибка повторится, сообщите администратору.';
          if (!(e instanceof AppError)) runtime.log.error(`report «${label}» failed`, e);
        }
      })
      .finally(() => {
        job.finishedAt = Date.now();
        runtime.events.toSession(job.token, { type: 'progress', taskId: job.taskId, done: job.total, total: job.total, label });
      });
  });
  return job.taskId;
}

function own(runtime: CoreRuntime, userId: string, taskId: string): Job {
  const job = jobsOf(runtime).get(taskId);
  if (!job || job.userId !== userId) {
    throw new AppError('NOT_FOUND', 'Задание на формирование отчёта не найдено: возможно, оно уже завершено и удалено. Сформируйте отчёт снова.');
  }
  return job;
}

export function jobView(runtime: CoreRuntime, userId: string, taskId: string): JobView {
  const job = own(runtime, userId, taskId);
  return {
    taskId: job.taskId,
    label: job.label,
    status: job.status,
    done: job.done,
    total: job.total,
    error: job.error,
    file: job.file,
  };
}

export function cancelJob(runtime: CoreRuntime, userId: string, taskId: string): JobView {
  const job = own(runtime, userId, taskId);
  if (job.status === 'running') job.controller.abort();
  return jobView(runtime, userId, taskId);
}

/** Waits until a job is no longer running (tests, the CLI). */
export async function waitForJob(runtime: CoreRuntime, userId: string, taskId: string): Promise<JobView> {
  for (;;) {
    const view = jobView(runtime, userId, taskId);
    if (view.status !== 'running') return view;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
