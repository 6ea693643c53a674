import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, ApiError, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';

/** «Замены: баллы за …» → «Баллы за …»: the screen's heading already says «замены». */
function shortLabel(label: string): string {
  const s = label.replace(/^Замены: /, '');
  return s.charAt(0).toLocaleUpperCase('ru') + s.slice(1);
}

/** The school's rules of substitutions: ranking weights, the daily maximum, hours and pay. */
export function RulesDialog({ onClose }: { onClose: () => void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ['substitutions.rules'], queryFn: () => api.substitutions.rules({}) });
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (rules.data) setValues(Object.fromEntries(rules.data.map((r) => [r.key, typeof r.value === 'boolean' ? r.value : String(r.value)])));
  }, [rules.data]);

  const save = async () => {
    const out: Record<string, number | boolean> = {};
    const found: Record<string, string> = {};
    for (const r of rules.data ?? []) {
      const v = values[r.key];
      if (typeof v === 'boolean') out[r.key] = v;
      else {
        const n = Number(String(v).replace(',', '.').trim());
        if (!Number.isInteger(n)) found[r.key] = 'Введите целое число';
        else out[r.key] = n;
      }
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(null);
    try {
      await api.substitutions.setRules({ values: out });
      notify.success('Правила замен сохранены.');
      await queryClient.invalidateQueries({ queryKey: ['substitutions.rules'] });
      await queryClient.invalidateQueries({ queryKey: ['substitutions.suggest'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const numbers = (rules.data ?? []).filter((r) => typeof r.value === 'number');
  const flags = (rules.data ?? []).filter((r) => typeof r.value === 'boolean');
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md">
      <DialogTitle>Правила подбора и учёта замен</DialogTitle>
      <DialogContent>
        {rules.isPending && <LinearProgress />}
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Сначала в списке — учителя этого предмета в классах этой ступени (1–4, 5–9, 10–11), затем те, кто знает класс (ведёт в нём уроки или руководит им), затем остальные; учитель без уроков в этот день — последним. Внутри каждой группы выше тот, кто уже заменяет соседний урок класса, затем — у кого больше баллов: бонусы за предмет и класс минус штрафы за ожидание, занятость в день и число замен в месяце.
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 110px', columnGap: 2, rowGap: 0.5, alignItems: 'center' }}>
          {numbers.map((r) => (
            <Box key={r.key} sx={{ display: 'contents' }}>
              <Typography component="label" htmlFor={`rule-${r.key}`} variant="body2">
                {shortLabel(r.label)}
              </Typography>
              <TextField
                id={`rule-${r.key}`}
                value={values[r.key] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [r.key]: e.target.value }))}
                error={!!errors[r.key]}
                helperText={errors[r.key] || ' '}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
            </Box>
          ))}
        </Box>
        <Box sx={{ mt: 1 }}>
          {flags.map((r) => (
            <FormControlLabel
              key={r.key}
              sx={{ display: 'flex' }}
              control={<Switch checked={values[r.key] === true} onChange={(e) => setValues((v) => ({ ...v, [r.key]: e.target.checked }))} />}
              label={<Typography variant="body2">{shortLabel(r.label)}</Typography>}
            />
          ))}
        </Box>
        {error && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Отмена
        </Button>
        <Button variant="contained" disabled={busy || !rules.data} onClick={() => void save()}>
          Сохранить
        </Button>
      </DialogActions>
    </Dialog>
  );
}
