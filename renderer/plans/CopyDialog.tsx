import { useState } from 'react';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Typography from '@mui/material/Typography';
import type { ResultOf } from '../../main/core/api/types';
import { ApiError, api } from '../api/client';
import { FormDialog } from '../school/kit';
import { useNotify } from '../components/Notifier';

type Target = ResultOf<'plans.get'>['copyTargets'][number];

/** Copies the plan's topics to the parallel classes (or the other subgroup). */
export function CopyDialog({ id, targets, onClose, onDone }: { id: string; targets: Target[]; onClose: () => void; onDone: () => void }) {
  const notify = useNotify();
  const [chosen, setChosen] = useState<Set<string>>(new Set(targets.filter((t) => !t.planId).map((t) => `${t.classId}|${t.groupId ?? ''}`)));
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.plans.copy({
        id,
        replace,
        targets: targets.filter((t) => chosen.has(`${t.classId}|${t.groupId ?? ''}`)).map((t) => ({ classId: t.classId, groupId: t.groupId })),
      });
      const made = r.filter((x) => x.status !== 'skipped').length;
      const skipped = r.filter((x) => x.status === 'skipped');
      notify.success(`КТП скопирован: ${made}${skipped.length ? `; пропущено (уже есть свой КТП): ${skipped.length}` : ''}`);
      onDone();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Не скопировано.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      open
      title="Копировать КТП в параллель"
      onClose={onClose}
      // Cancel stays available when there is nothing to choose: only copying needs a class.
      onSubmit={() => (chosen.size > 0 ? void submit() : setError(targets.length ? 'Отметьте классы, в которые копировать КТП.' : 'Копировать некуда: в параллели нет других классов с этим предметом.'))}
      busy={busy}
      error={error}
      submitLabel="Копировать"
    >
      {targets.length === 0 ? (
        <Typography variant="body2">В параллели нет других классов (групп) с этим предметом.</Typography>
      ) : (
        <FormGroup>
          {targets.map((t) => {
            const key = `${t.classId}|${t.groupId ?? ''}`;
            return (
              <FormControlLabel
                key={key}
                control={
                  <Checkbox
                    checked={chosen.has(key)}
                    onChange={(e) =>
                      setChosen((s) => {
                        const n = new Set(s);
                        if (e.target.checked) n.add(key);
                        else n.delete(key);
                        return n;
                      })
                    }
                  />
                }
                label={`${t.label}${t.planId ? ' — уже есть КТП' : ''}`}
              />
            );
          })}
          <FormControlLabel sx={{ mt: 1 }} control={<Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)} />} label="Заменить темы там, где КТП уже есть" />
        </FormGroup>
      )}
    </FormDialog>
  );
}
