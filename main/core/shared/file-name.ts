/**
 * The one way the program names a file it writes (a report, an archive, a
 * backup's folder): the name a Russian user expects («Сводная ведомость 7А
 * 2026-2027.xlsx»), made safe on Windows, macOS and Linux alike. Text from
 * the data (a year «2026/2027», a class, a teacher) may hold characters that
 * are separators or reserved somewhere; none of them may take the file
 * outside its folder or make a name Windows refuses.
 */

/** Reserved on Windows, plus the path separators of every system and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Device names Windows reserves whatever the extension («CON.txt» is the console). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Windows' usual limit is 255 UTF-16 units per name; keep room for «(2)» and a copy suffix. */
const MAX_LENGTH = 180;

/**
 * A file name (not a path) from free text: forbidden characters become «-»
 * («2026/2027» → «2026-2027»), runs of spaces one space, no leading or
 * trailing dots or spaces (Windows drops them, and «..» would climb), no
 * reserved device name, never empty. `extension` is added after the checks,
 * without its dot.
 */
export function safeFileName(text: string, extension?: string): string {
  let base = text
    .normalize('NFC')
    .replace(FORBIDDEN, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (base.length > MAX_LENGTH) base = base.slice(0, MAX_LENGTH).replace(/[\s.]+$/g, '');
  if (base === '' || /^-+$/.test(base)) base = 'файл';
  if (RESERVED.test(base.split('.')[0])) base = `_${base}`;
  const ext = extension?.replace(/^\.+/, '').replace(FORBIDDEN, '');
  return ext ? `${base}.${ext}` : base;
}
