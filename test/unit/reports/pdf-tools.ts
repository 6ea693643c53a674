import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Poppler's view of a PDF: its text page by page (form feeds between pages), and its page count. */
export function pdfText(bytes: Uint8Array): string {
  const file = tmpFile(bytes);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export function pdfPages(bytes: Uint8Array): string[] {
  return pdfText(bytes).split('\f').slice(0, -1);
}

/** Renders the pages to PNG (for looking at them, and for a test that they render at all). */
export function pdfToPng(bytes: Uint8Array, outPrefix: string, dpi = 60): string[] {
  const file = tmpFile(bytes);
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, outPrefix]);
  } finally {
    fs.rmSync(file, { force: true });
  }
  const dir = path.dirname(outPrefix);
  const base = path.basename(outPrefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

function tmpFile(bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kz-pdf-')), 'report.pdf');
  fs.writeFileSync(file, bytes);
  return file;
}
