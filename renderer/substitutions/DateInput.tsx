import { useEffect, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';

/** `2026-11-23` → `23.11.2026`. */
export function toRuDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

/** `23.11.2026` (or `3.11.2026`) → `2026-11-03`; null when it is no real date. */
export function parseRuDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * A date typed the Russian way, «23.11.2026» (UI.md), whatever the browser's
 * own date picker would show; the value passed on is `YYYY-MM-DD`.
 */
export function DateInput({
  value,
  onChange,
  testId,
  helperText,
  error,
  ...rest
}: Omit<TextFieldProps, 'value' | 'onChange'> & { value: string; onChange: (iso: string) => void; testId?: string }) {
  const [text, setText] = useState(toRuDate(value));
  useEffect(() => {
    setText((t) => (parseRuDate(t) === value ? t : toRuDate(value)));
  }, [value]);
  const invalid = text.trim() !== '' && parseRuDate(text) === null;
  return (
    <TextField
      {...rest}
      value={text}
      placeholder="ДД.ММ.ГГГГ"
      error={error || invalid}
      helperText={invalid ? 'Введите дату в виде ДД.ММ.ГГГГ' : helperText}
      onChange={(e) => {
        setText(e.target.value);
        const iso = parseRuDate(e.target.value);
        if (iso) onChange(iso);
      }}
      slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 10, ...(testId ? { 'data-testid': testId } : {}) } }}
    />
  );
}
