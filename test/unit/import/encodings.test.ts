import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../../main/core/import/read-table';
import { readTopicsFile } from '../../../main/core/plans/import-file';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';
import { STAFF_ROWS, csvOf, singleByte } from '../../fixtures/import/samples';

/**
 * Issue 17, item 11: a list comes in whatever encoding the computer that
 * saved it used. Each is recognised by its byte-order mark or by its text,
 * the preview says which one was used, and the user can choose another.
 */
const TEXT = csvOf(STAFF_ROWS);
/** Excel's «Текст Юникод»: UTF-16LE with its mark, fields separated by tabs. */
const TAB_TEXT = `${STAFF_ROWS.map((r) => r.join('\t')).join('\r\n')}\r\n`;
const utf16le = (text: string, bom = true) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

const FILES: [string, string, Buffer, string][] = [
  ['UTF-8', 'список.csv', Buffer.from(TEXT, 'utf8'), 'utf-8'],
  ['UTF-8 with its mark (Excel’s «CSV UTF-8»)', 'список.csv', Buffer.from(`\ufeff${TEXT}`, 'utf8'), 'utf-8'],
  ['UTF-16LE with its mark (Excel’s «Текст Юникод», tabs)', 'список.txt', utf16le(TAB_TEXT), 'utf-16le'],
  ['UTF-16LE without a mark', 'список.csv', utf16le(TEXT, false), 'utf-16le'],
  ['UTF-16BE with its mark', 'список.csv', utf16be(TEXT), 'utf-16be'],
  ['windows-1251 (Excel’s «CSV (разделители — точка с запятой)»)', 'список.csv', singleByte(TEXT, 'windows-1251'), 'windows-1251'],
  ['KOI8-R', 'список.csv', singleByte(TEXT, 'koi8-r'), 'koi8-r'],
];

describe('the encoding of a list', () => {
  for (const [what, fileName, bytes, encoding] of FILES) {
    it(`reads ${what} and says so`, async () => {
      const table = await readTable(fileName, bytes);
      expect(table.encoding).toBe(encoding);
      expect(table.rows).toEqual(STAFF_ROWS);
    });
  }

  it('reads the encoding the user chose instead of the one it found', async () => {
    const bytes = singleByte(TEXT, 'windows-1251');
    const chosen = await readTable('список.csv', bytes, { encoding: 'koi8-r' });
    expect(chosen).toMatchObject({ encoding: 'koi8-r', encodingSource: 'choice' });
    expect(chosen.rows[0][0]).not.toBe('ФИО');
    expect(await readTable('список.csv', bytes)).toMatchObject({ encoding: 'windows-1251', encodingSource: 'content' });
    expect(await readTable('список.csv', Buffer.from(`\ufeff${TEXT}`, 'utf8'))).toMatchObject({ encoding: 'utf-8', encodingSource: 'bom' });
  });

  it('takes a КТП saved as «Текст Юникод» for the text it is, not for a binary file', async () => {
    const ktp = '№\tТема\tЧасы\r\n1\tЗвуки и буквы\t2\r\n2\tДиктант\t1\r\n';
    const result = await readTopicsFile('ktp.txt', utf16le(ktp), [], { startDate: '2026-09-01', endDate: '2027-05-31' });
    expect(result.encoding).toBe('utf-16le');
    expect(result.topics.map((t) => [t.title, t.hours])).toEqual([
      ['Звуки и буквы', 2],
      ['Диктант', 1],
    ]);
  });
});

describe('the encoding in the import preview', () => {
  let t: TestRuntime;
  let admin: string;
  beforeAll(async () => {
    t = await createTestRuntime();
    admin = await setUpSchool(t);
  });
  afterAll(() => t.close());

  it('recognises the headings of a KOI8-R and a UTF-16 list, and names the encoding it used', async () => {
    for (const [fileName, bytes, encoding] of [
      ['сотрудники.csv', singleByte(TEXT, 'koi8-r'), 'koi8-r'],
      ['сотрудники.txt', utf16le(TAB_TEXT), 'utf-16le'],
    ] as const) {
      const preview = await t.call('import.preview', { kind: 'staff', fileName, content: bytes.toString('base64') }, admin);
      expect(preview, fileName).toMatchObject({ encoding, encodingSource: fileName.endsWith('.txt') ? 'bom' : 'content', mappingProblems: {}, total: 2 });
      expect(preview.rows[0].values.fullName).toBe('Смирнова Татьяна Олеговна');
    }
  });

  it('reads the file again in the encoding the user picks', async () => {
    const content = singleByte(TEXT, 'windows-1251').toString('base64');
    const picked = await t.call('import.preview', { kind: 'staff', fileName: 'сотрудники.csv', content, encoding: 'koi8-r' }, admin);
    expect(picked).toMatchObject({ encoding: 'koi8-r', encodingSource: 'choice', valid: false });
    expect(picked.mappingProblems).not.toEqual({});
  });
});
