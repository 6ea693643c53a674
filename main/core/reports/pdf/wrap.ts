import type { TextRun } from '../model';
import type { FontPair, MeasuredFont } from './fonts';

/**
 * Greedy line breaking at spaces (and after hyphens); a word wider than the
 * line is cut by characters, so nothing ever runs out of its cell.
 */
export function wrapText(text: string, font: MeasuredFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (font.width(paragraph, size) <= maxWidth) {
      lines.push(paragraph);
      continue;
    }
    let line = '';
    for (const word of splitWords(paragraph)) {
      const candidate = line ? `${line}${word}` : word.trimStart();
      if (font.width(candidate.trimEnd(), size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = word.trimStart();
      while (font.width(line.trimEnd(), size) > maxWidth && line.length > 1) {
        const cut = fitChars(line, font, size, maxWidth);
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Words with their leading space, and breaks after hyphens («северо-западный»). */
function splitWords(text: string): string[] {
  return text.match(/\s*[^\s-]*-?/g)?.filter((w) => w.length > 0) ?? [text];
}

function fitChars(text: string, font: MeasuredFont, size: number, maxWidth: number): number {
  let n = 1;
  while (n < text.length && font.width(text.slice(0, n + 1), size) <= maxWidth) n++;
  return n;
}

/** The widest word: a column narrower than this would have to cut words. */
export function longestWordWidth(text: string, font: MeasuredFont, size: number): number {
  let widest = 0;
  for (const word of text.split(/[\s]+|(?<=-)/)) widest = Math.max(widest, font.width(word, size));
  return widest;
}

export interface Piece {
  text: string;
  bold: boolean;
  /** Offset from the start of the line. */
  x: number;
}

export interface RunLine {
  pieces: Piece[];
  width: number;
}

/** Wraps text of mixed bold and regular runs («Отличники (2): Алексеев А., …»). */
export function wrapRuns(runs: TextRun[], fonts: FontPair, size: number, maxWidth: number): RunLine[] {
  const lines: RunLine[] = [];
  let current: RunLine = { pieces: [], width: 0 };
  const push = () => {
    lines.push(current);
    current = { pieces: [], width: 0 };
  };
  for (const run of runs) {
    const font = run.bold ? fonts.bold : fonts.regular;
    const paragraphs = run.text.split('\n');
    paragraphs.forEach((paragraph, pi) => {
      if (pi > 0) push();
      for (const word of splitWords(paragraph)) {
        let text = current.pieces.length === 0 ? word.trimStart() : word;
        let w = font.width(text, size);
        if (current.width + w > maxWidth && current.pieces.length > 0) {
          push();
          text = word.trimStart();
          w = font.width(text, size);
        }
        while (w > maxWidth && text.length > 1) {
          const cut = fitChars(text, font, size, maxWidth);
          addPiece(current, text.slice(0, cut), run.bold ?? false, font, size);
          push();
          text = text.slice(cut);
          w = font.width(text, size);
        }
        if (text) addPiece(current, text, run.bold ?? false, font, size);
      }
    });
  }
  if (current.pieces.length > 0 || lines.length === 0) push();
  return lines;
}

function addPiece(line: RunLine, text: string, bold: boolean, font: MeasuredFont, size: number): void {
  const last = line.pieces[line.pieces.length - 1];
  if (last && last.bold === bold) last.text += text;
  else line.pieces.push({ text, bold, x: line.width });
  line.width += font.width(text, size);
}
