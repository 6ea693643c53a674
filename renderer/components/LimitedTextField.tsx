import Box from '@mui/material/Box';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import type { TextLimitKey } from '../../main/core/shared/text-limits';
import { useSession } from '../app/session';

/** The longest text the core keeps in a field (auth.status hands the limits over). */
export function useTextLimit(key: TextLimitKey): number {
  const { phase } = useSession();
  return 'status' in phase ? phase.status.textLimits[key] : Number.POSITIVE_INFINITY;
}

/** Whether a text is over its field's limit, and the message naming the field: «Тема урока: не более 2000 символов — сейчас 10 000.» */
export function overLimit(label: string, value: string, limit: number): string | null {
  const n = value.trim().length;
  return n > limit ? `${label}: не более ${count(limit)} символов — сейчас ${count(n)}. Сократите текст.` : null;
}

function count(n: number): string {
  return n.toLocaleString('ru-RU').replace(/\s/g, '\u00a0');
}

/**
 * A text field that shows its limit as the user types: a counter once the
 * text nears the limit, and the message under this very field when it is
 * over (naming the field). A long text scrolls inside the field instead of
 * growing the page. Nothing is cut: a pasted text stays whole for the user
 * to shorten.
 */
export function LimitedTextField({ limit, value, label, helperText, error, maxRows = 8, ...rest }: Omit<TextFieldProps, 'value'> & { limit: number; value: string; label: string }) {
  const n = value.trim().length;
  const message = overLimit(label, value, limit);
  const counter = n >= limit * 0.8 || message ? `${count(n)} / ${count(limit)}` : null;
  return (
    <TextField
      {...rest}
      label={label}
      value={value}
      multiline
      maxRows={maxRows}
      error={Boolean(error) || message !== null}
      helperText={
        message || counter || helperText ? (
          <>
            {counter && (
              <Box component="span" sx={{ display: 'block', textAlign: 'right', whiteSpace: 'nowrap' }} data-testid="text-counter">
                {counter}
              </Box>
            )}
            {message ?? helperText}
          </>
        ) : undefined
      }
    />
  );
}
