import { useRef, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { DATE_FORMAT_MESSAGE, DATE_HINT, formatRuDate, isIsoDate, localToday, parseRuDate } from '../i18n/ru-date';

export type DateFieldProps = Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & {
  /** `YYYY-MM-DD`, `''`, or the text typed that is no date yet. */
  value: string;
  /** Gets `YYYY-MM-DD` once the text is a date, `''` when emptied, otherwise the text itself (a form refuses it). */
  onChange: (value: string) => void;
  /** A day and month without a year are of this date's school year (default: the field's last date, else today). */
  reference?: string;
  testId?: string;
};

/**
 * The one date field of the program: ДД.ММ.ГГГГ whatever the browser's or
 * the system's locale (a browser date input shows 12/07/2026 in an English
 * Windows), the short forms a Russian user types («10.12.26», «10.12»,
 * «10 12 2026») read by `parseRuDate`, and the text written out in full
 * when the field is left. A text that is no date stays on the screen, red,
 * and is what the form gets — never the last valid date.
 */
export function DateField({ value, onChange, reference, testId, error, helperText, onBlur, onFocus, slotProps, ...rest }: DateFieldProps) {
  const [text, setText] = useState(() => formatRuDate(value));
  const [focused, setFocused] = useState(false);
  // The last date the field held: «10.12» typed next to it is read in its year.
  const lastDate = useRef(isIsoDate(value) ? value : '');
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Set from outside (a reset, a default, another control): show it, unless it is what the text already says.
    setSeen(value);
    if (isIsoDate(value)) lastDate.current = value;
    if (read(text) !== value) setText(formatRuDate(value));
  }
  function read(t: string): string {
    if (t.trim() === '') return '';
    return parseRuDate(t, reference ?? (lastDate.current || localToday())) ?? t;
  }
  const invalid = !focused && text.trim() !== '' && !isIsoDate(read(text));
  return (
    <TextField
      {...rest}
      value={text}
      placeholder={DATE_HINT}
      error={Boolean(error) || invalid}
      helperText={invalid ? DATE_FORMAT_MESSAGE : helperText}
      onChange={(e) => {
        setText(e.target.value);
        const next = read(e.target.value);
        setSeen(next);
        onChange(next);
      }}
      onFocus={(e) => {
        setFocused(true);
        onFocus?.(e);
      }}
      onBlur={(e) => {
        setFocused(false);
        // What was understood is written out in full: «10.12» becomes «10.12.2026».
        const next = read(text);
        if (isIsoDate(next)) {
          setText(formatRuDate(next));
          lastDate.current = next;
        }
        onBlur?.(e);
      }}
      slotProps={{
        ...slotProps,
        inputLabel: { shrink: true, ...(slotProps?.inputLabel as object) },
        htmlInput: { inputMode: 'numeric', maxLength: 10, ...(testId ? { 'data-testid': testId } : {}), ...(slotProps?.htmlInput as object) },
      }}
    />
  );
}
