/**
 * Worksheet names as Excel accepts them: at most 31 characters, none of
 * `[ ] : * ? / \`, no apostrophe at either end (nor inside, where a
 * reference to the sheet would need it doubled), not «History» (Excel keeps
 * it for change tracking), and unique in the workbook regardless of case
 * («5а» and «5А» are the same sheet to Excel). A name from the data («7/8
 * спорт», a teacher's long name) is mended, not refused.
 */
const MAX = 31;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f]/g;

export class SheetNames {
  private readonly taken = new Set<string>();

  /** A valid name for a new sheet, as close to `wanted` as the rules allow; « (2)» and on for a repeat. */
  take(wanted: string): string {
    // An apostrophe inside stays as the typographic one: ExcelJS quotes the name in the print titles without doubling it.
    const base = clip(wanted.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim().replace(/'/g, '’'), MAX) || 'Лист';
    let name = base.toLowerCase() === 'history' ? 'History (1)' : base;
    for (let i = 2; this.taken.has(key(name)); i++) {
      const suffix = ` (${i})`;
      name = `${clip(base, MAX - suffix.length).replace(/'+$/, '').trimEnd()}${suffix}`;
    }
    this.taken.add(key(name));
    return name;
  }
}

function key(name: string): string {
  return name.toLocaleLowerCase('ru');
}

/** The first `n` UTF-16 units, never cutting a surrogate pair in two (Excel counts units). */
function clip(text: string, n: number): string {
  if (text.length <= n) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > n) break;
    out += ch;
  }
  return out.trimEnd();
}
