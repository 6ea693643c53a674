import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { FormDialog, SelectField } from '../school/kit';
import { formatDate, weekdayShort } from '../i18n/format';

type Item = ResultOf<'lessons.reconciliation'>[number];

function entries(d: Item['data']): string {
  const parts: string[] = [];
  if (d.topic) parts.push('тема');
  if (d.homework) parts.push('домашнее задание');
  if (d.marks) parts.push(`отметок: ${d.marks}`);
  if (d.absences) parts.push(`пропусков: ${d.absences}`);
  if (d.substitutions || d.substitute) parts.push('замена');
  if (d.moves) parts.push('перенос');
  if (d.remarks) parts.push(`замечаний: ${d.remarks}`);
  if (!parts.length && d.statusSet) parts.push('отмечен проведённым');
  return parts.join(', ');
}

/**
 * Lessons the timetable no longer has but that hold entries: they were kept
 * when the lessons were made again. The deputy keeps each as an extra lesson,
 * or moves its entries into a lesson of the same page nearby.
 */
export function ReconcileTab({ yearId, editable }: { yearId: string; editable: boolean }) {
  const qc = useQueryClient();
  const notify = useNotify();
  const q = useQuery({ queryKey: ['lessons.reconciliation', yearId], queryFn: () => api.lessons.reconciliation({ yearId }) });
  const [merging, setMerging] = useState<Item | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const done = async (message: string) => {
    await qc.invalidateQueries({ queryKey: ['lessons.reconciliation', yearId] });
    notify.success(message);
  };
  if (!q.data) return null;
  if (q.data.length === 0) {
    return (
      <EmptyState icon={FactCheckOutlined} title="Сверять нечего">
        Все уроки с записями стоят на своих местах в расписании. Когда расписание меняется, уроки с темой, отметками или пропусками не удаляются: если им нет места в новом расписании, они появляются здесь.
      </EmptyState>
    );
  }
  return (
    <Paper variant="outlined">
      <Table aria-label="Уроки для сверки">
        <TableHead>
          <TableRow>
            <TableCell>Дата</TableCell>
            <TableCell>Урок</TableCell>
            <TableCell>Класс</TableCell>
            <TableCell>Предмет</TableCell>
            <TableCell>Учитель</TableCell>
            <TableCell>Что в уроке</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {q.data.map((r) => (
            <TableRow key={r.id}>
              <TableCell>
                {weekdayShort(r.date)}, {formatDate(r.date)}
              </TableCell>
              <TableCell>{r.lessonNo}</TableCell>
              <TableCell>
                {r.className}
                {r.groupName ? `, ${r.groupName}` : ''}
              </TableCell>
              <TableCell>{r.subjectName}</TableCell>
              <TableCell>{r.teacher}</TableCell>
              <TableCell>
                {entries(r.data)}
                {r.topic && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    «{r.topic}»
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {editable && (
                  <>
                    <Button size="small" onClick={() => void api.lessons.reconcile({ id: r.id, action: 'keep' }).then(() => done('Урок оставлен как дополнительный')).catch(notify.error)}>
                      Оставить
                    </Button>
                    <Button
                      size="small"
                      disabled={r.candidates.length === 0}
                      onClick={() => {
                        setMerging(r);
                        setTarget(r.candidates.find((c) => c.free)?.id ?? r.candidates[0]?.id ?? '');
                      }}
                    >
                      Перенести записи…
                    </Button>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {merging && (
        <FormDialog
          open
          title="Перенести записи в другой урок"
          submitLabel="Перенести"
          busy={busy}
          onClose={() => setMerging(null)}
          onSubmit={() => {
            setBusy(true);
            void api.lessons
              .reconcile({ id: merging.id, action: 'merge', targetLessonId: target })
              .then(async () => {
                setMerging(null);
                await done('Записи перенесены, лишний урок убран');
              })
              .catch(notify.error)
              .finally(() => setBusy(false));
          }}
        >
          <Typography variant="body2" sx={{ mb: 2 }}>
            Тема, домашнее задание, отметки и пропуски урока {formatDate(merging.date)} ({merging.lessonNo} урок) перейдут в выбранный урок той же страницы журнала, а этот урок будет убран.
          </Typography>
          <SelectField
            label="Урок"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            options={merging.candidates.map((c) => ({ value: c.id, label: `${weekdayShort(c.date)}, ${formatDate(c.date)}, ${c.lessonNo} урок${c.free ? '' : ' (в нём уже есть записи)'}` }))}
            helperText=" "
          />
        </FormDialog>
      )}
    </Paper>
  );
}
