import { useRef, useState, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputBase from '@mui/material/InputBase';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import { api, messageOf } from '../api/client';
import { useActor } from '../app/session';
import { useNotify } from '../components/Notifier';
import { parseNumber, showNumber } from './kit';
import { canEditSchool } from './roles';
import { useYear } from './year';

/**
 * Учебный план as the school writes it: subjects down, classes across, hours a
 * week in the cells. Typing a number and Enter saves it and moves down, as in
 * a spreadsheet; an emptied cell removes the subject from the class's plan.
 */
export function CurriculumTab() {
  const { yearId, year } = useYear();
  const editable = canEditSchool(useActor()) && year?.status !== 'closed';
  const notify = useNotify();
  const qc = useQueryClient();
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId });
  const lists = useQuery({ queryKey: ['school.subjects'], queryFn: () => api.school.subjects() });
  const items = useQuery({ queryKey: ['school.curriculum', yearId], queryFn: () => api.school.curriculum({ yearId: yearId! }), enabled: !!yearId });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const grid = useRef<HTMLTableSectionElement>(null);

  const subjects = lists.data?.subjects ?? [];
  const cls = classes.data ?? [];
  const find = (classId: string, subjectId: string) => items.data?.find((i) => i.classId === classId && i.subjectId === subjectId);

  const commit = async (classId: string, subjectId: string, raw: string) => {
    const key = `${classId}|${subjectId}`;
    const current = find(classId, subjectId);
    const hours = parseNumber(raw);
    if ((hours ?? null) === (current?.hoursPerWeek ?? null)) return;
    if (hours !== null && (Number.isNaN(hours) || hours < 0.5 || hours > 10 || !Number.isInteger(hours * 2))) {
      setErrors((e) => ({ ...e, [key]: 'Часы — от 0,5 до 10, целые или с половиной' }));
      return;
    }
    setSaving(key);
    try {
      if (hours === null && current) await api.school.removeCurriculumItem({ id: current.id });
      else if (hours !== null) {
        await api.school.saveCurriculumItem({
          id: current?.id,
          classId,
          subjectId,
          hoursPerWeek: hours,
          hoursPerYear: current?.hoursPerYear ?? null,
          gradingSystemId: current?.gradingSystemId ?? null,
          splitIntoGroups: current?.splitIntoGroups ?? false,
        });
      }
      setErrors((e) => {
        const rest = { ...e };
        delete rest[key];
        return rest;
      });
      await qc.invalidateQueries({ queryKey: ['school.curriculum'] });
      await qc.invalidateQueries({ queryKey: ['school.load'] });
    } catch (e) {
      setErrors((x) => ({ ...x, [key]: messageOf(e) }));
    } finally {
      setSaving(null);
    }
  };

  /** Enter saves and moves down; arrows move like in a spreadsheet. */
  const onKey = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const move: Record<string, [number, number]> = { Enter: [1, 0], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    if (e.key === 'ArrowLeft' && e.currentTarget.selectionStart === 0) move.ArrowLeft = [0, -1];
    if (e.key === 'ArrowRight' && e.currentTarget.selectionEnd === e.currentTarget.value.length) move.ArrowRight = [0, 1];
    const d = move[e.key];
    if (!d) return;
    e.preventDefault();
    const next = grid.current?.querySelector<HTMLInputElement>(`input[data-cell="${row + d[0]}:${col + d[1]}"]`);
    if (next) next.focus();
    else e.currentTarget.blur();
  };

  const copyFrom = async (classId: string) => {
    const source = cls.find((c) => c.id === classId)!;
    const targets = cls.filter((c) => c.gradeLevel === source.gradeLevel && c.id !== classId).map((c) => c.id);
    if (!targets.length) return;
    try {
      const r = await api.school.copyCurriculum({ fromClassId: classId, toClassIds: targets });
      notify.success(`Учебный план ${source.name} скопирован в параллельные классы: добавлено строк ${r.added}.`);
      await qc.invalidateQueries();
    } catch (e) {
      notify.error(e);
    }
  };

  if (!yearId) return <Alert severity="info">Сначала создайте учебный год на вкладке «Год и звонки».</Alert>;
  if (classes.data && cls.length === 0) return <Alert severity="info">Сначала добавьте классы на вкладке «Классы».</Alert>;
  if (lists.data && subjects.length === 0) return <Alert severity="info">Сначала добавьте предметы на вкладке «Предметы».</Alert>;

  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Часов в неделю по каждому предмету в каждом классе. Введите число и нажмите Enter; пустая клетка — предмета в плане класса нет.
        Знак «÷» — класс делится на подгруппы (вкладка «Подгруппы»).
      </Typography>
      <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 260px)' }}>
        <Table stickyHeader size="small" aria-label="Учебный план">
          <TableHead>
            <TableRow>
              <TableCell sx={{ minWidth: 200 }}>Предмет</TableCell>
              {cls.map((c) => (
                <TableCell key={c.id} align="center" sx={{ minWidth: 64 }}>
                  <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                    {c.name}
                    {editable && cls.some((o) => o.gradeLevel === c.gradeLevel && o.id !== c.id) && (
                      <Tooltip title={`Скопировать план ${c.name} в параллельные классы (только недостающие предметы)`}>
                        <Button size="small" sx={{ minWidth: 0, p: 0.25, ml: 0.25 }} aria-label={`Скопировать план ${c.name}`} onClick={() => void copyFrom(c.id)}>
                          <ContentCopyOutlined sx={{ fontSize: 14 }} />
                        </Button>
                      </Tooltip>
                    )}
                  </Box>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody ref={grid}>
            {subjects.map((s, row) => (
              <TableRow key={s.id} hover>
                <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                  {s.name}
                </TableCell>
                {cls.map((c, col) => {
                  const item = find(c.id, s.id);
                  const key = `${c.id}|${s.id}`;
                  const error = errors[key];
                  return (
                    <TableCell key={c.id} align="center" sx={{ p: 0, bgcolor: error ? 'error.light' : item ? 'action.hover' : undefined }}>
                      <Tooltip title={error ?? ''} open={Boolean(error)} arrow placement="top">
                        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                          <InputBase
                            key={`${key}:${item?.hoursPerWeek ?? ''}`}
                            defaultValue={showNumber(item?.hoursPerWeek)}
                            readOnly={!editable || saving === key}
                            onBlur={(e) => void commit(c.id, s.id, e.target.value)}
                            onKeyDown={(e) => onKey(e as KeyboardEvent<HTMLInputElement>, row, col)}
                            inputProps={{ 'data-cell': `${row}:${col}`, 'aria-label': `${s.name}, ${c.name}: часов в неделю`, style: { textAlign: 'center', width: 36, padding: '6px 0' } }}
                          />
                          {item?.splitIntoGroups && (
                            <Tooltip title="Делится на подгруппы">
                              <span aria-label="делится на подгруппы">÷</span>
                            </Tooltip>
                          )}
                        </Box>
                      </Tooltip>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
            <TableRow>
              <TableCell sx={{ fontWeight: 600 }}>Итого часов в неделю</TableCell>
              {cls.map((c) => (
                <TableCell key={c.id} align="center" sx={{ fontWeight: 600 }}>
                  {showNumber((items.data ?? []).filter((i) => i.classId === c.id).reduce((sum, i) => sum + i.hoursPerWeek, 0))}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}

