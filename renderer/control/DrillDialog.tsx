import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ParamsOf } from '../../main/core/api/types';
import { api, messageOf } from '../api/client';
import { formatDate } from '../i18n/format';
import type { PageFinding } from './labels';
import type { RemarkDraft } from './RemarkDialog';

type Code = ParamsOf<'control.drill'>['code'];

/**
 * The lessons (or students, or topics) behind one finding of one page, each
 * with a way to the journal and to a remark for the teacher.
 */
export function DrillDialog({
  page,
  code,
  title,
  span,
  onClose,
  onRemark,
}: {
  page: PageFinding;
  code: Code;
  title: string;
  span: { periodId?: string; from?: string; to?: string };
  onClose(): void;
  /** Absent for the director, who reads the check and writes no remarks. */
  onRemark?(draft: RemarkDraft): void;
}) {
  const drill = useQuery({
    queryKey: ['control.drill', page.key, code, span],
    queryFn: () => api.control.drill({ classId: page.classId, groupId: page.groupId, subjectId: page.subjectId, code, minimum: page.minimum, ...span }),
  });
  const pageName = `${page.className}${page.groupName ? ` (${page.groupName})` : ''}, ${page.subjectName}, ${page.teacherName}`;
  const base = { toStaffId: page.staffId, classId: page.classId, subjectId: page.subjectId, finding: code };
  const openJournal = (lessonId: string) => {
    const q = new URLSearchParams({ c: page.classId, s: page.subjectId, l: lessonId });
    if (page.groupId) q.set('g', page.groupId);
    window.location.hash = `#/journal?${q.toString()}`;
  };
  const d = drill.data;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="drill-title">
      <DialogTitle id="drill-title">{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {pageName}
        </Typography>
        {drill.isPending && <CircularProgress aria-label="Загрузка" />}
        {drill.isError && <Alert severity="error">{messageOf(drill.error)}</Alert>}
        {d && d.lessons.length > 0 && (
          <Table size="small" aria-label="Уроки">
            <TableHead>
              <TableRow>
                <TableCell>Дата</TableCell>
                <TableCell>№</TableCell>
                <TableCell>Тема урока</TableCell>
                <TableCell>Что не так</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {d.lessons.map((l) => (
                <TableRow key={l.lessonId}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(l.date)}</TableCell>
                  <TableCell>{l.lessonNo}</TableCell>
                  <TableCell>{l.topic ?? '—'}</TableCell>
                  <TableCell>{l.note}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => openJournal(l.lessonId)}>
                      В журнал
                    </Button>
                    {onRemark && (
                    <Button
                      size="small"
                      onClick={() =>
                        onRemark({
                          ...base,
                          toStaffId: l.staffId,
                          lessonId: l.lessonId,
                          about: `${pageName}; урок ${formatDate(l.date)}, ${l.lessonNo}-й: ${l.note}.`,
                          text: `Урок ${formatDate(l.date)}, ${l.lessonNo}-й: ${l.note}. ${d.ask}`,
                        })
                      }
                    >
                      Замечание
                    </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {d && d.students.length > 0 && (
          <Table size="small" aria-label="Учащиеся">
            <TableHead>
              <TableRow>
                <TableCell>Ученик</TableCell>
                <TableCell align="center">Отметок за период</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {d.students.map((s) => (
                <TableRow key={s.studentId}>
                  <TableCell>{s.name}</TableCell>
                  <TableCell align="center">{s.marks}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {d && d.topics.length > 0 && (
          <>
            <Typography variant="body2" sx={{ mb: 1 }}>
              Темы КТП, запланированные к этому дню, но ещё не пройденные:
            </Typography>
            <ol style={{ marginTop: 0 }}>
              {d.topics.map((t, i) => (
                <li key={i}>
                  <Typography variant="body2">{t}</Typography>
                </li>
              ))}
            </ol>
          </>
        )}
        {d && d.lessons.length === 0 && d.students.length === 0 && d.topics.length === 0 && <Typography color="text.secondary">Ничего не найдено.</Typography>}
      </DialogContent>
      <DialogActions>
        {d && onRemark && (d.students.length > 0 || d.topics.length > 0) && (
          <Button
            onClick={() =>
              onRemark({
                ...base,
                about: pageName,
                text: `${d.title}${d.students.length > 0 ? `: ${d.students.map((s) => s.name).join(', ')}` : d.topics.length > 0 ? `: ${d.topics.join('; ')}` : ''}. ${d.ask}`,
              })
            }
          >
            Записать замечание
          </Button>
        )}
        <Button onClick={onClose}>Закрыть</Button>
      </DialogActions>
    </Dialog>
  );
}
