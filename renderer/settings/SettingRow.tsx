import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { api, ApiError } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/Notifier';

export type Setting = ResultOf<'settings.getAll'>[number];

/** Settings the program sets itself; shown, not edited here. */
const READ_ONLY: Record<string, string> = {
  demo: 'Меняется только при открытии или закрытии демонстрационной школы.',
};

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('ru') + s.slice(1);
}

function toDraft(value: Setting['value']): string | boolean {
  return typeof value === 'boolean' ? value : String(value);
}

export function SettingRow({ setting, canEdit }: { setting: Setting; canEdit: boolean }) {
  const notify = useNotify();
  const session = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | boolean>(() => toDraft(setting.value));
  const [error, setError] = useState<string | null>(null);
  const readOnlyNote = READ_ONLY[setting.key];
  const editable = canEdit && !readOnlyNote;
  const changed = draft !== toDraft(setting.value);

  const save = useMutation({
    mutationFn: async () => {
      let value: unknown = draft;
      if (typeof setting.value === 'number') {
        const n = Number(String(draft).replace(',', '.').trim());
        if (!Number.isInteger(n)) throw new ApiError('VALIDATION', 'Введите целое число.', { fields: { value: 'Введите целое число' } });
        value = n;
      }
      await api.settings.set({ key: setting.key, value });
    },
    onSuccess: async () => {
      setError(null);
      notify.success(`Сохранено: «${setting.label}».`);
      await queryClient.invalidateQueries({ queryKey: ['settings.getAll'] });
      if (setting.key.startsWith('school.') || setting.key.startsWith('session.')) await session.refresh();
    },
    onError: (e) => {
      const message = e instanceof ApiError ? (e.fields.value ?? e.message) : 'Не удалось сохранить настройку.';
      // The label is shown beside the field already.
      setError(message.startsWith(`${setting.label}: `) ? capitalise(message.slice(setting.label.length + 2)) : message);
    },
  });

  const id = `setting-${setting.key}`;
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: '1fr 360px 120px', alignItems: 'center', gap: 2, px: 2, py: 1.25 }}
      data-testid={id}
    >
      <Box>
        <Typography component="label" htmlFor={id} variant="body2" sx={{ fontWeight: 600 }}>
          {setting.label}
        </Typography>
        {readOnlyNote && (
          <Typography variant="caption" color="text.secondary" component="div">
            {readOnlyNote}
          </Typography>
        )}
      </Box>
      {typeof draft === 'boolean' ? (
        <FormControlLabel
          control={<Switch id={id} checked={draft} disabled={!editable} onChange={(e) => setDraft(e.target.checked)} />}
          label={draft ? 'Да' : 'Нет'}
        />
      ) : (
        <TextField
          id={id}
          value={draft}
          disabled={!editable}
          error={Boolean(error)}
          helperText={error ?? undefined}
          select={Boolean(setting.choices)}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          slotProps={{ htmlInput: typeof setting.value === 'number' ? { inputMode: 'numeric' } : undefined }}
        >
          {setting.choices &&
            Object.entries(setting.choices).map(([value, title]) => (
              <MenuItem key={value} value={value}>
                {title}
              </MenuItem>
            ))}
        </TextField>
      )}
      <Box>
        {editable && (
          <Button variant={changed ? 'contained' : 'text'} disabled={!changed || save.isPending} onClick={() => save.mutate()}>
            Сохранить
          </Button>
        )}
      </Box>
    </Box>
  );
}
