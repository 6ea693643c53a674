import { useCallback, useState, type ChangeEvent } from 'react';
import { ApiError, messageOf } from '../api/client';

/**
 * A small form state: values, an error per field (from the page's own checks
 * or from the core's `details.fields`), and one message for the whole form.
 */
export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const field = useCallback(
    (name: keyof T & string, opts: { helper?: string; errorKey?: string } = {}) => {
      const key = opts.errorKey ?? name;
      return {
        name,
        value: values[name],
        onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
          const value = e.target.value;
          setValues((v) => ({ ...v, [name]: value }));
          // The message above the buttons spoke of the entry as it was; an edit makes it stale.
          setFormError(null);
          setErrors((errs) => {
            if (!(key in errs)) return errs;
            const rest = { ...errs };
            delete rest[key];
            return rest;
          });
        },
        error: Boolean(errors[key]),
        helperText: errors[key] ?? opts.helper ?? ' ',
      };
    },
    [values, errors],
  );

  /** Shows a failed call: its field messages next to the fields, its message above the buttons. */
  const fail = useCallback((e: unknown) => {
    if (e instanceof ApiError) {
      setErrors(e.fields);
      setFormError(e.message);
    } else {
      setFormError(messageOf(e));
    }
  }, []);

  /** The page's own checks; returns true when there is nothing to fix. */
  const check = useCallback((found: Record<string, string | false | null | undefined>) => {
    const only: Record<string, string> = {};
    for (const [k, v] of Object.entries(found)) if (v) only[k] = v;
    setErrors(only);
    const ok = Object.keys(only).length === 0;
    setFormError(ok ? null : 'Проверьте выделенные поля: под каждым написано, что исправить.');
    return ok;
  }, []);

  const reset = useCallback(() => {
    setValues(initial);
    setErrors({});
    setFormError(null);
  }, []);

  return { values, setValues, field, errors, formError, setFormError, fail, check, reset };
}
