import type { ParamsOf, ResultOf } from '../../main/core/api/types';
import { SelectField } from '../school/kit';

/**
 * The encoding of an uploaded text file (CSV, Excel's «Текст Юникод»): what
 * the core found it to be, and a choice of another when the headings read as
 * nonsense («РђР»…»).
 */
export type EncodingChoice = NonNullable<ParamsOf<'import.preview'>['encoding']>;
type Found = Pick<ResultOf<'import.preview'>, 'encoding' | 'encodingSource'>;

const NAMES: Record<EncodingChoice, string> = {
  auto: 'определить автоматически',
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Юникод)',
  'utf-16be': 'UTF-16BE',
  'windows-1251': 'windows-1251',
  'koi8-r': 'KOI8-R',
};

const SOURCES: Record<NonNullable<Found['encodingSource']>, string> = {
  bom: 'по метке в начале файла',
  content: 'по тексту файла',
  choice: 'выбрана вручную',
};

/** «кодировка windows-1251 (определена по тексту файла)»; empty for a workbook. */
export function encodingCaption(found: Found): string {
  if (!found.encoding) return '';
  const how = found.encodingSource === 'choice' ? SOURCES.choice : `определена ${SOURCES[found.encodingSource ?? 'content']}`;
  return `кодировка ${NAMES[found.encoding]} (${how})`;
}

export function EncodingField({ value, onChange, disabled }: { value: EncodingChoice; onChange: (v: EncodingChoice) => void; disabled?: boolean }) {
  return (
    <SelectField
      label="Кодировка текста (CSV)"
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as EncodingChoice)}
      options={(Object.keys(NAMES) as EncodingChoice[]).map((k) => ({ value: k, label: NAMES[k] }))}
      sx={{ width: 250 }}
      fullWidth={false}
    />
  );
}
