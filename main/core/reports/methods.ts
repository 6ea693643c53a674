import { z } from 'zod';
import { query, actorOf, type QueryContext } from '../api/contract';
import { extractMethods } from './extracts/methods';
import { reportEnv } from './env';
import type { ReportModel } from './model';
import { REPORT_PARAMS, REPORTS, definitionOf, type ReportParams } from './registry';
import { writeReport, type ReportFile, type ReportFormat } from './output';
import type { DocumentUse } from '../contingent/consent';
import { cancelJob, jobView, startJob } from './jobs';
import { reportOptions } from './options';

/** Checks the scope and builds the model of a report for its use (the screen, paper kept at school, an export). */
export async function buildReport(ctx: QueryContext, params: ReportParams, use: DocumentUse): Promise<ReportModel> {
  const def = definitionOf(params.kind);
  const env = await reportEnv(ctx, def.schoolRecord ? 'school' : use);
  await def.authorize(env, params);
  return def.build(env, params);
}

const REPORT_ACTIONS = ['print', 'save'] as const;
/** What the user does with the file: prints it on paper, or saves it. */
export type ReportAction = (typeof REPORT_ACTIONS)[number];
const actionParam = z.enum(REPORT_ACTIONS).default('save');

/**
 * What a report is for, by how it was asked for: the one place where every
 * report served here is judged under 152-ФЗ (contingent/consent.ts). The
 * school's own records (a definition's `schoolRecord`: the class journal,
 * the summary sheets) are `school` however they are produced; buildReport
 * sees to that. For the other reports:
 * - on the screen, or a PDF opened in the print dialog («Печать»): paper the
 *   school reads and keeps — not an export, every student is named;
 * - an XLSX, or a PDF saved as a file: made to be sent (to the education
 *   authority, a commission, by e-mail) — an export, students without consent
 *   appear as «данные скрыты» in their own rows.
 * Without a stated action a file is taken as saved: the careful default.
 */
function reportUse(format: ReportFormat, action: ReportAction): DocumentUse {
  if (format === 'screen') return 'school';
  return format === 'pdf' && action === 'print' ? 'school' : 'export';
}

const taskParam = z.object({ taskId: z.string().uuid() });

export const reportMethods = {
  /** The reports this user may build, for the reports screen. */
  'reports.catalog': query({
    params: z.object({}).strict(),
    access: 'reports.view',
    action: 'просмотр списка отчётов',
    handler: async () => Object.values(REPORTS).map((r) => ({ kind: r.kind, title: r.title })),
  }),

  /** The pickers of the reports and control screens: periods, classes and teachers this user may see. */
  'reports.options': query({
    params: z.object({ yearId: z.string().uuid().optional() }),
    access: 'reports.view',
    action: 'просмотр отчётов',
    handler: async (p, ctx) => {
      const env = await reportEnv(ctx, 'school');
      return reportOptions(ctx.em, env.actor, env.today, p.yearId);
    },
  }),

  /**
   * A report for the screen (the model), or written to PDF or XLSX at once
   * (base64), to print or to save (`action`, see reportUse). For a long PDF
   * prefer reports.start.
   */
  'reports.build': query({
    params: z.object({ report: REPORT_PARAMS, format: z.enum(['screen', 'pdf', 'xlsx']).default('screen'), action: actionParam }),
    access: 'reports.view',
    action: 'формирование отчёта',
    handler: async (p, ctx): Promise<{ model: ReportModel | null; file: ReportFile | null }> => {
      const model = await buildReport(ctx, p.report, reportUse(p.format, p.action));
      if (p.format === 'screen') return { model, file: null };
      return { model: null, file: await writeReport(model, p.format) };
    },
  }),

  /**
   * Builds the model now and writes the file in the background: returns a
   * task id; progress comes as core events, reports.job gives the file.
   */
  'reports.start': query({
    params: z.object({ report: REPORT_PARAMS, format: z.enum(['pdf', 'xlsx']).default('pdf'), action: actionParam }),
    access: 'reports.view',
    action: 'формирование отчёта',
    handler: async (p, ctx) => {
      const model = await buildReport(ctx, p.report, reportUse(p.format, p.action));
      const taskId = startJob(ctx.runtime, ctx.session, model.title, (options) => writeReport(model, p.format, options));
      return { taskId, title: model.title };
    },
  }),

  'reports.job': query({
    params: taskParam,
    access: 'reports.view',
    action: 'получение отчёта',
    handler: async (p, ctx) => jobView(ctx.runtime, actorOf(ctx).userId, p.taskId),
  }),

  'reports.cancel': query({
    params: taskParam,
    access: 'reports.view',
    action: 'отмена формирования отчёта',
    handler: async (p, ctx) => cancelJob(ctx.runtime, actorOf(ctx).userId, p.taskId),
  }),

  ...extractMethods,
};
