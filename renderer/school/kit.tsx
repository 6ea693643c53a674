import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, messageOf } from '../api/client';
import type { DateFieldProps } from '../components/DateField';
import { dateError } from '../i18n/ru-date';

/**
 * The small kit the reference-data screens share: a form state whose errors
 * come both from the page's own checks and from the core's `details.fields`
 * (each shown next to its field), a dialog that submits on Enter, and a card
 * with a title and actions.
 */
export type Values = Record<string, unknown>;

export function useEditor<T extends Values>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dateKeys = useRef(new Set<string>());

  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!(key as string in e)) return e;
      const rest = { ...e };
      delete rest[key as string];
      return rest;
    });
  }, []);

  /** Props for a text field bound to a string value. */
  const text = (key: keyof T & string, label: string, extra: Partial<TextFieldProps> & { helper?: string; errorKey?: string } = {}) => {
    const { helper, errorKey, ...rest } = extra;
    const k = errorKey ?? key;
    return {
      label,
      name: key,
      value: (values[key] as string | null | undefined) ?? '',
      onChange: (e: { target: { value: string } }) => set(key, e.target.value as T[typeof key]),
      error: Boolean(errors[k]),
      helperText: errors[k] ?? helper ?? ' ',
      ...rest,
    } satisfies TextFieldProps;
  };

  /** Props for the one date field (components/DateField) bound to a `YYYY-MM-DD` value; `run` refuses a text that is no date. */
  const date = (key: keyof T & string, label: string, extra: Partial<DateFieldProps> & { helper?: string; errorKey?: string } = {}) => {
    const { helper, errorKey, ...rest } = extra;
    const k = errorKey ?? key;
    dateKeys.current.add(key);
    return {
      label,
      name: key,
      value: (values[key] as string | null | undefined) ?? '',
      onChange: (v: string) => set(key, v as T[typeof key]),
      error: Boolean(errors[k]),
      helperText: errors[k] ?? helper ?? ' ',
      ...rest,
    } satisfies DateFieldProps;
  };

  const check = (found: Record<string, string | false | null | undefined>) => {
    const only: Record<string, string> = {};
    for (const [k, v] of Object.entries(found)) if (v) only[k] = v;
    setErrors(only);
    const ok = Object.keys(only).length === 0;
    setFormError(ok ? null : 'Проверьте поля, отмеченные красным.');
    return ok;
  };

  /** Runs a save: on a refusal, shows its field messages next to the fields and its message above the buttons. */
  const run = async <R,>(work: () => Promise<R>): Promise<R | undefined> => {
    // A date field showing a text that is no date: nothing is saved (the field says why).
    const badDates: Record<string, string> = {};
    for (const key of dateKeys.current) {
      const message = dateError(String(values[key] ?? ''), false);
      if (message) badDates[key] = message;
    }
    if (Object.keys(badDates).length > 0) {
      setErrors(badDates);
      setFormError('Проверьте поля, отмеченные красным.');
      return undefined;
    }
    setBusy(true);
    setFormError(null);
    try {
      const r = await work();
      setErrors({});
      return r;
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fields);
        // A message that only repeats a field's own is not said twice: the field shows it.
        const repeats = Object.values(e.fields).some((m) => e.message.startsWith(m));
        setFormError(repeats ? 'Проверьте поля, отмеченные красным.' : e.message);
      } else setFormError(messageOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const reset = (next: T) => {
    setValues(next);
    setErrors({});
    setFormError(null);
  };

  return { values, set, text, date, errors, setErrors, formError, setFormError, busy, check, run, reset };
}

export function FormDialog({
  open,
  title,
  onClose,
  onSubmit,
  busy,
  error,
  submitLabel = 'Сохранить',
  children,
  maxWidth = 'sm',
  extraActions,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  busy?: boolean;
  error?: string | null;
  submitLabel?: string;
  children: ReactNode;
  maxWidth?: 'xs' | 'sm' | 'md' | 'lg';
  extraActions?: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth={maxWidth} fullWidth slotProps={{ paper: { 'aria-label': title } }}>
      <form noValidate onSubmit={submit} aria-label={title}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ pt: 1 }}>{children}</Box>
          {error && (
            <Alert severity="error" sx={{ mt: 1 }} role="alert">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          {extraActions}
          <Box sx={{ flex: 1 }} />
          <Button onClick={onClose} disabled={busy}>
            Отмена
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function SelectField({
  options,
  empty,
  ...props
}: TextFieldProps & { options: { value: string | number; label: string }[]; empty?: string }) {
  return (
    <TextField select {...props}>
      {empty !== undefined && (
        <MenuItem value="">
          <em>{empty}</em>
        </MenuItem>
      )}
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function Card({ title, actions, children, subtitle }: { title: string; actions?: ReactNode; children: ReactNode; subtitle?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ mb: 2 }} component="section" aria-label={title}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, pt: 1.5, pb: 1 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          {subtitle && (
            <Typography variant="body2" color="text.secondary">
              {subtitle}
            </Typography>
          )}
        </Box>
        {actions}
      </Box>
      {children}
    </Paper>
  );
}

/** «5,5» → 5.5; empty → null; anything else → NaN (the form says what is wrong). */
export function parseNumber(s: string): number | null {
  const t = s.trim().replace(',', '.');
  if (!t) return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

export function showNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n).replace('.', ',');
}

/** The first field message of a refusal whose field is not on the form, so nothing is lost. */
export function unplaced(errors: Record<string, string>, placed: string[]): string | null {
  const rest = Object.entries(errors).filter(([k]) => !placed.includes(k));
  return rest.length ? rest.map(([, v]) => v).join('; ') : null;
}
