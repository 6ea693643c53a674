import { z } from 'zod';
import type { ReportDefinition } from './definition';
import { finalSheetParams, finalSheetReport } from './forms/final-sheet';
import { performanceParams, performanceReport } from './forms/performance';
import { journalPrintoutParams, journalPrintoutReport } from './forms/journal-printout';
import { attendanceParams, attendanceReport } from './forms/attendance';
import { unsatisfactoryParams, unsatisfactoryReport } from './forms/unsatisfactory';
import { teacherPeriodParams, teacherPeriodReport } from './forms/teacher-period';
import { activityParams, activityReport } from './forms/activity';
import { checkCertificateParams, checkCertificateReport } from '../control/certificate';
import { bookReport, bookReportParams, changesReport, changesReportParams, statementReport, statementReportParams } from '../substitutions/printouts';
import { timetableReport, timetableReportParams } from '../timetable/report-definition';

/**
 * Every report served by `reports.build` / `reports.start`, by kind. To add
 * one: define it (definition.ts) in your domain's folder, then add it here
 * and its params schema to REPORT_PARAMS below — one line each.
 */
export const REPORTS = {
  finalSheet: finalSheetReport,
  performance: performanceReport,
  journalPrintout: journalPrintoutReport,
  attendance: attendanceReport,
  unsatisfactory: unsatisfactoryReport,
  teacherPeriod: teacherPeriodReport,
  activity: activityReport,
  checkCertificate: checkCertificateReport,
  substitutionChanges: changesReport,
  substitutionBook: bookReport,
  substitutionStatement: statementReport,
  timetable: timetableReport,
} as const satisfies Record<string, ReportDefinition>;

export const REPORT_PARAMS = z.discriminatedUnion('kind', [
  finalSheetParams,
  performanceParams,
  journalPrintoutParams,
  attendanceParams,
  unsatisfactoryParams,
  teacherPeriodParams,
  activityParams,
  checkCertificateParams,
  changesReportParams,
  bookReportParams,
  statementReportParams,
  timetableReportParams,
]);

export type ReportKind = keyof typeof REPORTS;
export type ReportParams = z.output<typeof REPORT_PARAMS>;

export function definitionOf(kind: string): ReportDefinition {
  return (REPORTS as Record<string, ReportDefinition>)[kind];
}
