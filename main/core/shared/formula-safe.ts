/**
 * Free text for a cell of a file a user opens in Excel or LibreOffice (the
 * year archive's CSV, every XLSX the program writes). Text that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is read by a spreadsheet as
 * a formula — a comment «=HYPERLINK("http://…")» typed into the journal
 * would become a live link, «-2+3» a sum — so it gets a leading apostrophe
 * (OWASP, «CSV Injection»). A number written as text («-5», «+7», «-2,5»)
 * cannot be a formula and stays as it is; numbers themselves never come here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
