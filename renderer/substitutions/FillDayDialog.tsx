import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { countOf, formatDate } from '../i18n/format';
import { useConfirm } from './useConfirm';
import type { Proposal } from './util';

function proposalText(p: Proposal): string {
  if (p.kind === 'substitute') return `Замена: ${p.substituteName}`;
  if (p.kind === 'merge') return `Объединение с ${p.merge?.className ?? ''} (${p.substituteName})`;
  return 'Отменить урок';
}

function criteriaText(p: Proposal): string {
  const c = p.candidate;
  if (!c) return '';
  const parts = [
    c.subject === 'teaches' ? 'ведёт предмет' : c.subject === 'qualified' ? 'квалификация по предмету' : c.subject === 'other_level' ? 'предмет в другой ступени' : null,
    c.teachesClass ? 'ведёт в классе' : null,
    c.classTeacher ? 'кл. руководитель' : null,
    c.distance === null ? 'нет своих уроков' : `до своего урока: ${c.distance}`,
    `уроков в день: ${c.lessonsToday}`,
    `замен в месяце: ${c.month}`,
    `баллы: ${c.score}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** «Заполнить день»: the proposals for every open lesson, to review and save; nothing is saved unseen. */
export function FillDayDialog({ date, onClose, onSaved }: { date: string; onClose: () => void; onSaved: () => void }) {
  const notify = useNotify();
  const confirm = useConfirm();
  const proposals = useQuery({ queryKey: ['substitutions.fillDay', date], queryFn: () => api.substitutions.fillDay({ date }), staleTime: 0, gcTime: 0 });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (proposals.data) setChosen(new Set(proposals.data.map((p) => p.lessonId)));
  }, [proposals.data]);
  const list = proposals.data ?? [];
  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const save = async () => {
    const items = list
      .filter((p) => chosen.has(p.lessonId))
      .map((p) => ({ lessonId: p.lessonId, kind: p.kind, substituteStaffId: p.substituteStaffId, mergedWithLessonId: p.mergedWithLessonId }));
    setBusy(true);
    setError(null);
    await confirm.attempt(
      (c) => api.substitutions.applyMany({ items, confirm: c }),
      (saved) => {
        notify.success(`Сохранено решений: ${saved.length}.`);
        onSaved();
        onClose();
      },
      (e) => setError(messageOf(e)),
    );
    setBusy(false);
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="lg">
      <DialogTitle>Заполнить день: {formatDate(date)}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          Программа предлагает решение для каждого урока без учителя: свободного учителя этого предмета в классах этой ступени, а если такого нет — того, кто знает класс, затем любого свободного (уроки одного класса подряд — одному, если можно), иначе объединение с параллельным классом, иначе отмену. Ничего не сохраняется, пока вы не нажмёте «Сохранить».
        </Typography>
        {proposals.isPending && <LinearProgress />}
        {proposals.isError && <Alert severity="error">{messageOf(proposals.error)}</Alert>}
        {proposals.data && list.length === 0 && <Alert severity="success">Все уроки этого дня уже решены.</Alert>}
        {list.length > 0 && (
          <TableContainer sx={{ maxHeight: 440 }}>
            <Table stickyHeader aria-label="Предложения">
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={chosen.size === list.length}
                      indeterminate={chosen.size > 0 && chosen.size < list.length}
                      onChange={(e) => setChosen(new Set(e.target.checked ? list.map((p) => p.lessonId) : []))}
                      slotProps={{ input: { 'aria-label': 'Выбрать все' } }}
                    />
                  </TableCell>
                  <TableCell>№</TableCell>
                  <TableCell>Класс</TableCell>
                  <TableCell>Предмет</TableCell>
                  <TableCell>Учитель</TableCell>
                  <TableCell>Предложение</TableCell>
                  <TableCell>Почему</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.map((p) => (
                  <TableRow key={p.lessonId} hover onClick={() => toggle(p.lessonId)} sx={{ cursor: 'pointer' }} data-testid="proposal">
                    <TableCell padding="checkbox">
                      <Checkbox checked={chosen.has(p.lessonId)} slotProps={{ input: { 'aria-label': `${p.lesson.classLabel}, ${p.lesson.lessonNo}-й урок` } }} />
                    </TableCell>
                    <TableCell>{p.lesson.lessonNo}</TableCell>
                    <TableCell>{p.lesson.classLabel}</TableCell>
                    <TableCell>{p.lesson.subjectName}</TableCell>
                    <TableCell>{p.lesson.teacherName}</TableCell>
                    <TableCell sx={{ fontWeight: 600, color: p.kind === 'cancel' ? 'error.main' : undefined }}>{proposalText(p)}</TableCell>
                    <TableCell>
                      <Typography variant="body2">{p.why}</Typography>
                      <Typography variant="caption" color="text.secondary">
                        {criteriaText(p)}
                        {p.alternatives > 0 ? ` · ещё ${countOf(p.alternatives, ['вариант', 'варианта', 'вариантов'])}` : ''}
                      </Typography>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        {error && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Закрыть
        </Button>
        <Button variant="contained" disabled={busy || chosen.size === 0} onClick={() => void save()}>
          Сохранить выбранные ({chosen.size})
        </Button>
      </DialogActions>
      {confirm.dialog}
    </Dialog>
  );
}
