/**
 * The printed width of a text in ems of the report's font (DejaVu Sans),
 * near enough to keep a word inside a narrow column (the timetable's school
 * sheet is laid out before any font is loaded, and the PDF writer cuts what
 * does not fit) and to size a spreadsheet's columns and rows.
 */
export function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += (EMS.get(ch) ?? 62) / 100;
  return ems;
}

/** DejaVu Sans advance widths, hundredths of an em, of the letters forms print; others count as 0.62 em. */
const EMS = new Map<string, number>(
  Object.entries({
    28: 'ijl',
    29: 'IJ',
    32: '., ',
    40: '!\'',
    46: '"',
    34: ':;/',
    35: 'f',
    36: '-',
    39: 't()',
    41: 'r',
    52: 'sz',
    50: '–',
    53: 'гз?',
    55: 'сэc',
    56: 'L«»',
    58: 'тkF',
    59: 'вухчьvxy',
    60: 'кяРP',
    61: 'аоГТУaoTY',
    62: 'беёe',
    63: 'рЕЁbdghnpquES',
    64: 'лЗ0123456789',
    65: 'ийнп',
    66: 'K',
    68: 'цАAV',
    69: 'дБВХЧЬЯBRXZ',
    70: 'СЭC',
    71: 'ъК',
    73: 'U',
    75: 'мИЙЛНПHN',
    77: 'DG',
    78: 'ДЦ',
    79: 'ыОOQ',
    82: 'w',
    83: 'Ъ',
    84: 'ю+=<>',
    85: 'ф',
    86: 'МФM',
    88: 'Ы',
    90: 'ж',
    92: 'ш',
    94: 'щ',
    95: '%',
    100: '—●',
    97: 'm',
    99: 'W',
    107: 'Ш',
    108: 'ЖЮ',
    109: 'Щ',
    120: '№',
  }).flatMap(([w, chars]) => [...chars].map((ch) => [ch, Number(w)] as [string, number])),
);
