import type { ReadableDb } from '../db/readable';
import type { z } from 'zod';
import type { Actor } from '../auth/sessions';
import type { ReportModel } from './model';
import type { DocumentUse } from '../contingent/consent';

/** What a report's builder gets: the database (read-only use), who asks, the school's today, and what the document is for. */
export interface ReportEnv {
  em: ReadableDb;
  actor: Actor;
  /** `YYYY-MM-DD` in the school's time zone. */
  today: string;
  now: Date;
  /**
   * The screen or paper kept at school, an extract for a student's parents,
   * or a file for use elsewhere (contingent/consent.ts): in an export,
   * students without consent are hidden. Builders pass it to the roster.
   */
  use: DocumentUse;
}

/**
 * A report: its parameters (a zod object with a `kind` literal), who may see
 * it beyond the `reports.view` permission, and the pure-ish builder from the
 * database to a model. Registered in registry.ts, it is served by
 * `reports.build` (screen, PDF, XLSX) and `reports.start` (long PDFs in the
 * background).
 */
export interface ReportDefinition<P extends z.ZodObject<{ kind: z.ZodLiteral<string> }> = z.ZodObject<{ kind: z.ZodLiteral<string> }>> {
  kind: z.output<P>['kind'];
  /** The report's name in the catalogue, Russian. */
  title: string;
  params: P;
  /**
   * A record the school keeps itself: the class journal (5 years) and the
   * summary sheets (25 years), kept «на электронных и бумажных носителях»
   * (seed 002). Complete however it is produced — on screen, printed, saved
   * as PDF or Excel — so every student is named (contingent/consent.ts).
   */
  schoolRecord?: true;
  /** Throws FORBIDDEN for what the actor may not see (a teacher's other classes). */
  authorize(env: ReportEnv, params: z.output<P>): Promise<void>;
  build(env: ReportEnv, params: z.output<P>): Promise<ReportModel>;
}

export function defineReport<P extends z.ZodObject<{ kind: z.ZodLiteral<string> }>>(def: ReportDefinition<P>): ReportDefinition<P> {
  return def;
}
