import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api, ApiError, messageOf } from '../api/client';
import { formatDate, formatNumber } from '../i18n/format';
import { typedChar } from './keys';
import { journalHref, type JournalRoute } from './route';
import { ReasonDialog } from './ReasonDialog';

type FinalsPage = ResultOf<'journal.getFinalMarks'>;
type Cell = FinalsPage['students'][number]['cells'][string];

/** What a teacher types, as a final mark: «5», «на» or «н» → «н/а», «о»/«осв» → «осв.», «з» → «зач», «нз» → «незач». */
export function finalValueOf(typed: string, allowed: readonly string[]): string | null {
  const t = typed.trim().toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/[\s.]/g, '');
  const map: Record<string, string> = { н: 'н/а', на: 'н/а', 'н/а': 'н/а', о: 'осв.', ос: 'осв.', осв: 'осв.', з: 'зач', зач: 'зач', зачет: 'зач', нз: 'незач', незач: 'незач' };
  const v = map[t] ?? t;
  return allowed.includes(v) ? v : null;
}

interface CellState {
  status: 'saving' | 'failed';
  message?: string;
}

/**
 * The page of final marks (seed 001 §6.3): a column for every period and the
 * year. The program's suggestion stands beside each empty cell; Enter takes
 * it, a typed mark replaces it, and a mark once set is never replaced by the
 * program. Warnings: too few marks, set or due after the deadline.
 */
export function FinalMarksScreen({ route }: { route: JournalRoute & { classId: string; subjectId: string } }) {
  const params = { classId: route.classId, subjectId: route.subjectId, groupId: route.groupId };
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['journal.getFinalMarks', params], queryFn: () => api.journal.getFinalMarks(params), staleTime: 0 });
  const theme = useTheme();
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [typed, setTyped] = useState<string | null>(null);
  const [states, setStates] = useState<Record<string, CellState>>({});
  const [reasonFor, setReasonFor] = useState<{ row: number; col: number; value: string | null; message: string; confirm: boolean } | null>(null);
  const [skipped, setSkipped] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const initialised = useRef(false);

  const data = query.data;
  useEffect(() => {
    if (!data || initialised.current) return;
    initialised.current = true;
    // Start at the current period's column.
    const col = data.columns.findIndex((c) => c.id !== 'year' && c.startDate <= data.today && c.endDate >= data.today);
    setActive({ row: 0, col: Math.max(0, col) });
    box.current?.focus();
  }, [data]);

  if (query.isPending) return <CircularProgress aria-label="Загрузка итоговых отметок" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  const page = query.data;
  const { students, columns } = page;
  const keyOf = (row: number, col: number) => `${students[row]?.id}|${columns[col]?.id}`;

  const save = async (row: number, col: number, value: string | null, reason?: string, refresh = true) => {
    const student = students[row];
    const column = columns[col];
    const cell = student.cells[column.id];
    if (!column.editable) {
      setStates((s) => ({ ...s, [keyOf(row, col)]: { status: 'failed', message: column.readOnlyReason ?? 'Изменять нельзя.' } }));
      return;
    }
    if (!cell.onRoll) return;
    if (cell.lockedReason && value !== null) {
      setStates((s) => ({ ...s, [keyOf(row, col)]: { status: 'failed', message: cell.lockedReason! } }));
      return;
    }
    if (value === cell.value && !reason) return;
    const key = keyOf(row, col);
    setStates((s) => ({ ...s, [key]: { status: 'saving' } }));
    try {
      await api.journal.setFinalMark({ ...params, studentId: student.id, periodId: column.id === 'year' ? null : column.id, value, reason });
      setStates(({ [key]: _done, ...rest }) => rest);
      if (refresh) await queryClient.invalidateQueries({ queryKey: ['journal.getFinalMarks', params] });
    } catch (e) {
      setStates((s) => ({ ...s, [key]: { status: 'failed', message: messageOf(e) } }));
      if (e instanceof ApiError && e.details?.needsReason) setReasonFor({ row, col, value, message: e.message, confirm: Boolean(e.details.confirm) });
    }
  };

  const fillSuggestions = async () => {
    const col = active.col;
    const few: string[] = [];
    for (let row = 0; row < students.length; row++) {
      const cell = students[row].cells[columns[col].id];
      if (!cell.onRoll || cell.lockedReason || cell.value !== null || !cell.suggestion.value) continue;
      // A mark on too few marks is the teacher's decision, one by one, with its reason: not filled in bulk.
      if (cell.suggestion.warnings.some((w) => w.code === 'fewMarks')) {
        few.push(students[row].name);
        continue;
      }
      await save(row, col, cell.suggestion.value, undefined, false);
    }
    setSkipped(few.length ? `Не выставлены — мало отметок (${few.length}): ${few.join(', ')}. Выставьте их по одной, с причиной, или «н/а».` : null);
    // One read of the page for the whole column.
    await queryClient.invalidateQueries({ queryKey: ['journal.getFinalMarks', params] });
  };

  const move = (dr: number, dc: number) => {
    setTyped(null);
    setActive((a) => ({ row: Math.min(students.length - 1, Math.max(0, a.row + dr)), col: Math.min(columns.length - 1, Math.max(0, a.col + dc)) }));
  };

  const commit = () => {
    const cell = students[active.row]?.cells[columns[active.col].id];
    if (!cell) return;
    if (typed === null || typed === '') {
      // Enter on an empty cell takes the suggestion; it never replaces a mark that is set.
      if (cell.value === null && cell.suggestion.value) void save(active.row, active.col, cell.suggestion.value);
      return;
    }
    const value = finalValueOf(typed, page.allowedValues);
    if (value === null) {
      setStates((s) => ({
        ...s,
        [keyOf(active.row, active.col)]: {
          status: 'failed',
          message: `Итоговая отметка «${typed}» невозможна: по предмету «${page.subjectName}» выставляется ${page.allowedValues.map((v) => `«${v}»`).join(', ')}.`,
        },
      }));
      return;
    }
    void save(active.row, active.col, value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const ch = typedChar(e);
    if (ch !== null && ch !== ' ') {
      e.preventDefault();
      setTyped((t) => (t ?? '') + ch);
      return;
    }
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        commit();
        return move(1, 0);
      case 'Tab':
        e.preventDefault();
        commit();
        return move(0, e.shiftKey ? -1 : 1);
      case 'ArrowUp':
      case 'ArrowDown':
      case 'ArrowLeft':
      case 'ArrowRight':
        e.preventDefault();
        if (typed) commit();
        return move(e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0, e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0);
      case 'Home':
        e.preventDefault();
        return setActive((a) => ({ ...a, col: 0 }));
      case 'End':
        e.preventDefault();
        return setActive((a) => ({ ...a, col: columns.length - 1 }));
      case 'Backspace':
      case 'Delete':
        e.preventDefault();
        if (typed) return setTyped(typed.slice(0, -1) || null);
        return void save(active.row, active.col, null);
      case 'Escape':
        e.preventDefault();
        setTyped(null);
        setStates(({ [keyOf(active.row, active.col)]: _dropped, ...rest }) => rest);
        return;
    }
  };

  const activeCell: Cell | undefined = students[active.row]?.cells[columns[active.col]?.id];
  const activeState = states[keyOf(active.row, active.col)];
  const line = theme.palette.divider;

  return (
    <Box>
      <Button href={journalHref({ ...route, view: 'grid' })} startIcon={<ArrowBackOutlined />} size="small" sx={{ mb: 1 }}>
        К странице журнала
      </Button>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1.5 }}>
        <Typography variant="h2" component="h1" sx={{ flex: 1 }}>
          {page.title}
        </Typography>
        {page.canEdit && (
          <Button
            variant="outlined"
            onClick={() => void fillSuggestions()}
            disabled={!columns[active.col]?.editable || columns[active.col]?.early}
            title={columns[active.col]?.early ? `Итоговые отметки за этот период выставляются с ${formatDate(columns[active.col].windowStart)}` : undefined}
          >
            Выставить предложенные в пустые клетки: {columns[active.col]?.name}
          </Button>
        )}
      </Box>
      {!page.marksAllowed && page.noMarksReason && <Alert severity="info">{page.noMarksReason}</Alert>}
      <Box
        ref={box}
        tabIndex={0}
        role="grid"
        aria-label={page.title}
        data-testid="finals-grid"
        onKeyDown={onKeyDown}
        sx={{
          outline: 'none',
          border: `1px solid ${line}`,
          borderRadius: 1,
          bgcolor: 'background.paper',
          overflow: 'auto',
          maxHeight: 'calc(100vh - 260px)',
          '&:focus-visible': { boxShadow: `0 0 0 2px ${alpha(theme.palette.primary.main, 0.35)}` },
          '& table': { borderCollapse: 'separate', borderSpacing: 0, width: '100%' },
          '& th, & td': { borderRight: `1px solid ${line}`, borderBottom: `1px solid ${line}`, p: 0 },
          '& thead th': { position: 'sticky', top: 0, zIndex: 2, bgcolor: theme.palette.mode === 'light' ? '#eef2f7' : '#22272e', fontSize: 12, px: 1, py: 0.5 },
          '& .name': { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper', px: 1, whiteSpace: 'nowrap', width: 240 },
          '& .fc': { height: 44, minWidth: 110, textAlign: 'center', cursor: 'cell', position: 'relative' },
          '& .fc.active': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2 },
          '& .fc.off': { color: 'text.disabled', cursor: 'default' },
          '& .fc.failed': { bgcolor: alpha(theme.palette.error.main, 0.12), boxShadow: `inset 0 0 0 2px ${theme.palette.error.main}` },
          '& .v': { fontSize: 18, fontWeight: 700 },
          '& .v.bad': { color: 'error.main', fontWeight: 800 },
          '& .sg': { fontSize: 14, color: 'text.secondary', fontStyle: 'italic' },
          '& .meta': { display: 'block', fontSize: 10, color: 'text.secondary' },
          '& .warn': { position: 'absolute', top: 2, right: 2, fontSize: 14, color: theme.palette.warning.dark },
          '& .meta.few': { color: theme.palette.warning.dark, fontWeight: 700 },
          '& .left': { display: 'block', fontSize: 11, color: theme.palette.error.main },
        }}
      >
        <table>
          <thead>
            <tr>
              <th className="name" style={{ zIndex: 3 }}>
                Обучающийся
              </th>
              {columns.map((c) => (
                <th key={c.id} title={c.readOnlyReason ?? `Выставляются с ${formatDate(c.windowStart)}, не позднее ${formatDate(c.deadline)}`}>
                  {c.name}
                  <span className="meta">
                    {formatDate(c.windowStart).slice(0, 5)}–{formatDate(c.deadline).slice(0, 5)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {students.map((s, row) => (
              <tr key={s.id}>
                <td className="name">
                  {row + 1}. {s.name}
                  {s.leftText && (
                    <span className="left" data-testid="left-text">
                      {s.leftText}
                    </span>
                  )}
                </td>
                {columns.map((c, col) => {
                  const cell = s.cells[c.id];
                  const st = states[`${s.id}|${c.id}`];
                  const isActive = active.row === row && active.col === col;
                  const cls = ['fc'];
                  if (isActive) cls.push('active');
                  if (!cell.onRoll || cell.lockedReason) cls.push('off');
                  if (st?.status === 'failed') cls.push('failed');
                  const warnings = cell.suggestion.warnings.map((w) => w.message);
                  return (
                    <td
                      key={c.id}
                      className={cls.join(' ')}
                      role="gridcell"
                      aria-selected={isActive}
                      data-testid={`final-${row}-${col}`}
                      title={[st?.message, cell.lockedReason, ...warnings].filter(Boolean).join('\n') || undefined}
                      onMouseDown={() => {
                        setTyped(null);
                        setActive({ row, col });
                      }}
                    >
                      {isActive && typed !== null ? (
                        <span className="v">{typed}</span>
                      ) : st?.status === 'saving' ? (
                        <span className="sg">сохраняется…</span>
                      ) : cell.value ? (
                        <span className={/^2/.test(cell.value) ? 'v bad' : 'v'}>{cell.value}</span>
                      ) : cell.suggestion.value && cell.onRoll && !cell.lockedReason ? (
                        <span className="sg" title="Предложение программы: Enter — выставить">
                          → {cell.suggestion.value}
                        </span>
                      ) : null}
                      {cell.late && <ScheduleOutlined sx={{ fontSize: 12, color: 'warning.dark', ml: 0.25 }} aria-label="Выставлена позже срока" />}
                      {cell.onRoll && c.id !== 'year' && cell.count > 0 && (
                        <span className={cell.minimum !== null && cell.count < cell.minimum ? 'meta few' : 'meta'}>
                          {cell.weighted !== null ? formatNumber(cell.weighted) : '—'} · {cell.count}
                          {cell.minimum !== null && cell.count < cell.minimum ? ` из ${cell.minimum} отм.` : ' отм.'}
                        </span>
                      )}
                      {warnings.length > 0 && cell.onRoll && <WarningAmberOutlined className="warn" aria-label="Есть предупреждения" />}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
      <Box role="status" aria-live="polite" data-testid="finals-status" sx={{ mt: 1, minHeight: 48, fontSize: 13 }}>
        {activeState?.status === 'failed' && (
          <Typography color="error" sx={{ fontSize: 13, fontWeight: 600 }}>
            {activeState.message}
          </Typography>
        )}
        {activeCell?.lockedReason && <Typography sx={{ fontSize: 13, fontWeight: 600 }}>{activeCell.lockedReason}</Typography>}
        {skipped && <Typography sx={{ fontSize: 13, color: 'warning.dark' }}>{skipped}</Typography>}
        {activeCell && activeCell.onRoll && !activeCell.lockedReason && (
          <>
            {activeCell.suggestion.value && (
              <Typography sx={{ fontSize: 13 }}>
                Предлагается «{activeCell.suggestion.value}»
                {activeCell.suggestion.basis !== null ? ` (средний балл ${formatNumber(activeCell.suggestion.basis)})` : ''}
                {activeCell.value ? `; выставлена «${activeCell.value}» — программа её не меняет.` : '; Enter — выставить.'}
              </Typography>
            )}
            {activeCell.suggestion.warnings.map((w) => (
              <Typography key={w.code} sx={{ fontSize: 13, color: 'warning.dark' }}>
                {w.message}
              </Typography>
            ))}
          </>
        )}
        <Typography variant="caption" color="text.secondary">
          5 4 3 2 — отметка · н — «н/а» · о — «осв.» · Enter на пустой клетке — выставить предложенную · Backspace — удалить
        </Typography>
      </Box>
      {reasonFor && (
        <ReasonDialog
          message={reasonFor.message}
          {...(reasonFor.confirm
            ? { title: 'Подтвердите итоговую отметку', confirmLabel: `Выставить «${reasonFor.value}»`, cancelLabel: 'Не выставлять', hint: 'Например: «Длительное лечение», «Переход в другую школу», «Отметки перенесены из другой школы»' }
            : {})}
          onCancel={() => {
            // Not set, by the teacher's choice: the cell is as it was, not «failed».
            const r = reasonFor;
            setReasonFor(null);
            setStates(({ [keyOf(r.row, r.col)]: _dropped, ...rest }) => rest);
          }}
          onSubmit={(reason) => {
            const r = reasonFor;
            setReasonFor(null);
            void save(r.row, r.col, r.value, reason);
          }}
        />
      )}
    </Box>
  );
}
