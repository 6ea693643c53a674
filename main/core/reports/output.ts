import type { ReportModel } from './model';
import { safeFileName } from '../shared/file-name';
import { renderPdf, type RenderOptions } from './pdf/index';
import { renderXlsx } from './xlsx/index';

export type FileFormat = 'pdf' | 'xlsx';
export type ReportFormat = 'screen' | FileFormat;

/** A written report as it crosses the contract: bytes in base64, with a name to save it under. */
export interface ReportFile {
  fileName: string;
  mime: string;
  base64: string;
  bytes: number;
}

const MIME: Record<FileFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Writes a model to PDF or XLSX (for a domain that prints from its own method). */
export async function writeReport(model: ReportModel, format: FileFormat, options: RenderOptions = {}): Promise<ReportFile> {
  const bytes = format === 'pdf' ? await renderPdf(model, options) : await renderXlsx(model);
  return {
    fileName: safeFileName(model.fileName || model.title, format),
    mime: MIME[format],
    base64: Buffer.from(bytes).toString('base64'),
    bytes: bytes.byteLength,
  };
}
