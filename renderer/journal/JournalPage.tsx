import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import GradingOutlined from '@mui/icons-material/GradingOutlined';
import { api, ApiError, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDate, formatDateTime, weekdayShort } from '../i18n/format';
import { cellKey, closedWord, type JournalPage, type PageLesson } from './cell-model';
import { JournalGrid, type Position } from './JournalGrid';
import { LessonPanel } from './LessonPanel';
import { ReasonDialog } from './ReasonDialog';
import { HistoryDialog } from './HistoryDialog';
import { CellMarksDialog } from './CellMarksDialog';
import { unsavedStorageKey, useJournalCells } from './useJournalCells';
import { ReopenDialog } from './ReopenDialog';
import { PeriodTabs } from './PeriodTabs';
import { PANEL_GAP, PANEL_W, initialColumn } from './grid-layout';
import { pageParams, pageQueryKey, readJournalPage } from './page-query';
import { useActor } from '../app/session';
import { journalHref, type JournalRoute } from './route';
import { useArrivals } from '../sync/useSyncStatus';
import { sameShape } from './same-shape';


/** A journal page: the period tabs, the grid, the lesson panel and the status line. */
export function JournalPageScreen({ route }: { route: JournalRoute & { classId: string; subjectId: string } }) {
  const params = pageParams(route);
  const query = useQuery({
    queryKey: pageQueryKey(params),
    // Fresh on every opening (nothing is kept once the page is left); the read its link's click started counts.
    queryFn: () => readJournalPage(params),
    staleTime: 0,
    gcTime: 0,
    // A refetch would redraw the grid: only when the page is opened again.
    refetchOnReconnect: false,
  });
  if (query.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: 320 }}>
        <CircularProgress aria-label="Загрузка страницы журнала" />
      </Box>
    );
  }
  if (query.isError) {
    return (
      <>
        <BackLink />
        <Alert severity="error">{messageOf(query.error)}</Alert>
      </>
    );
  }
  return <Loaded key={`${query.data.period.id}|${query.dataUpdatedAt}`} page={query.data} route={route} />;
}

function BackLink() {
  return (
    <Button href="#/journal" startIcon={<ArrowBackOutlined />} size="small" sx={{ mb: 1 }}>
      Все страницы журнала
    </Button>
  );
}

function Loaded({ page: opened, route }: { page: JournalPage; route: JournalRoute & { classId: string; subjectId: string } }) {
  const actor = useActor();
  const notify = useNotify();
  const queryClient = useQueryClient();
  // The page as last read: read again in place when other computers' changes arrive (below).
  const [page, setPage] = useState(opened);
  const cells = useJournalCells(page, {
    storageKey: unsavedStorageKey(actor.userId, page.ref),
    onLeaveUnsaved: (count) =>
      notify.error(
        new ApiError(
          'VALIDATION',
          `На странице «${page.title}» не сохранено записей: ${count}. Они ждут исправления и появятся снова, когда вы откроете страницу.`,
        ),
      ),
  });
  const [patches, setPatches] = useState<Record<string, Partial<PageLesson>>>({});
  /** When each lesson's patch was made (in saves), so that a page read after it replaces it. */
  const patchedAt = useRef(new Map<string, number>());
  const stamp = useRef(0);
  const [reshaped, setReshaped] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const reading = useRef(false);
  const again = useRef(false);

  // Marks, attendance and lesson texts from another computer: the page is read again and taken in without
  // redrawing the grid, so the cell being typed in keeps its text and every unsaved entry stays in its cell.
  // New lessons or students change the grid's shape: then the user is asked to reload it.
  const readAgain = useCallback(async () => {
    again.current = true;
    if (reading.current) return;
    reading.current = true;
    try {
      while (again.current) {
        again.current = false;
        const since = cells.mark();
        const readAt = ++stamp.current;
        const fresh = await api.journal.getPage(pageParams(route));
        if (!sameShape(page, fresh)) {
          setReshaped(true);
          break;
        }
        cells.absorb(fresh, since);
        setPage(fresh);
        setReadError(null);
        setPatches((p) => Object.fromEntries(Object.entries(p).filter(([id]) => (patchedAt.current.get(id) ?? 0) > readAt)));
      }
    } catch (e) {
      // Nothing typed is touched; the page says it may be behind, and the next arrival reads it again.
      setReadError(messageOf(e));
    } finally {
      reading.current = false;
    }
  }, [cells, page, route]);
  useArrivals(() => void readAgain());
  const lessons = useMemo(() => page.lessons.map((l) => (patches[l.id] ? { ...l, ...patches[l.id] } : l)), [page.lessons, patches]);
  const view = useMemo(() => ({ ...page, lessons }), [page, lessons]);
  const [selected, setSelected] = useState<string | null>(route.lessonId);
  // Ctrl+Enter in the grid: the panel of the active cell's lesson takes the keyboard (a new request each time).
  const [topicFocus, setTopicFocus] = useState<{ lessonId: string; n: number } | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const selectLesson = useCallback((lessonId: string) => {
    setTopicFocus(null);
    setSelected(lessonId);
  }, []);
  const openLesson = useCallback((lessonId: string) => {
    setSelected(lessonId);
    setTopicFocus((f) => ({ lessonId, n: (f?.n ?? 0) + 1 }));
  }, []);
  // The grid opens at the same cell, so its first report of the active cell changes nothing here.
  const [active, setActive] = useState<Position>(() => ({ row: 0, col: initialColumn(page.lessons, page.today, route.lessonId) }));
  const [notice, setNotice] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ pos: Position; at: { x: number; y: number } } | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'history' | 'marks'; pos: Position } | null>(null);
  const [reopening, setReopening] = useState(false);
  const canReopen = actor.roles.includes('deputy') && page.period.id !== 'year' && page.period.closed && !page.reopened;

  const onActiveChange = useCallback((pos: Position) => {
    setActive((a) => (a.row === pos.row && a.col === pos.col ? a : pos));
    setNotice(null);
  }, []);
  const lesson = lessons[active.col];
  const student = page.students[active.row];
  const key = lesson && student ? cellKey(student.id, lesson.id) : '';
  const pending = cells.pending.get(key);
  const selectedLesson = lessons.find((l) => l.id === selected) ?? null;
  const cellTitle = (pos: Position) =>
    `${page.students[pos.row]?.name ?? ''}, ${formatDate(lessons[pos.col]?.date)} — ${page.subjectName}`;

  const periodTab = route.period ?? page.period.id;
  const tabHref = (p: string) => journalHref({ ...route, period: p, lessonId: null, view: 'grid' });
  const workTypes = lesson
    ? (lesson.workTypeIds.length ? lesson.workTypeIds : [page.workTypes[0]?.id]).map((id) => page.workTypes.find((w) => w.id === id)?.name).filter(Boolean)
    : [];

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 56px - 48px)' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <BackLink />
          <Typography variant="h2" component="h1" noWrap>
            {page.title}
          </Typography>
        </Box>
        <Button
          variant="outlined"
          startIcon={<GradingOutlined />}
          href={journalHref({ ...route, view: 'finals', lessonId: null })}
          disabled={!page.marksAllowed}
        >
          Итоговые отметки
        </Button>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <PeriodTabs
          value={periodTab}
          tabs={[
            ...page.periods.map((p) => ({ id: p.id, label: p.closed ? `${p.name} (${closedWord(p.name)})` : p.name })),
            { id: 'year', label: 'Весь год' },
          ]}
          href={tabHref}
        />
        <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto', textAlign: 'right', lineHeight: 1.3 }}>
          5 4 3 2 1 — отметка · н — пропуск · оп — опоздание · 5/4 — две отметки
          <br />
          Enter — вниз · Backspace — очистить · Ctrl+Z — отменить · меню клетки — история
          <br />
          Ctrl+Enter — тема и домашнее задание урока · Esc — обратно в таблицу
        </Typography>
      </Box>
      {!page.canEdit && page.readOnlyReason && (
        <Alert
          severity="info"
          sx={{ mb: 1, py: 0 }}
          action={
            canReopen ? (
              <Button color="inherit" size="small" onClick={() => setReopening(true)}>
                Открыть для исправлений
              </Button>
            ) : undefined
          }
        >
          {page.readOnlyReason}
        </Alert>
      )}
      {page.reopened && (
        <Alert severity="warning" sx={{ mb: 1, py: 0 }}>
          {page.period.name} {closedWord(page.period.name)}; страница открыта заместителем директора для исправлений
          {page.reopened.until ? ` до ${formatDateTime(page.reopened.until)}` : ''}. Каждое исправление записывается в журнал изменений.
        </Alert>
      )}
      {reshaped && (
        <Alert
          severity="info"
          sx={{ mb: 1, py: 0 }}
          data-testid="journal-reshaped"
          action={
            <Button
              color="inherit"
              size="small"
              disabled={cells.isSaving()}
              title={cells.isSaving() ? 'Записи ещё сохраняются: подождите секунду' : undefined}
              onClick={() => void queryClient.invalidateQueries({ queryKey: pageQueryKey(pageParams(route)) })}
            >
              Обновить страницу
            </Button>
          }
        >
          На другом компьютере изменились уроки или список учеников этой страницы. Обновите страницу, чтобы их увидеть.
        </Alert>
      )}
      {readError && (
        <Alert
          severity="warning"
          sx={{ mb: 1, py: 0 }}
          action={
            <Button color="inherit" size="small" onClick={() => void readAgain()}>
              Повторить
            </Button>
          }
        >
          Не удалось показать изменения, пришедшие с других компьютеров: {readError}
        </Alert>
      )}
      {page.noMarksReason && (
        <Alert severity="info" sx={{ mb: 1, py: 0 }}>
          {page.noMarksReason}
        </Alert>
      )}
      {lessons.length === 0 ? (
        <Alert severity="info">В этом периоде на странице ещё нет уроков: они появятся из расписания.</Alert>
      ) : (
        <Box sx={{ display: 'flex', gap: `${PANEL_GAP}px`, flex: 1, minHeight: 0 }}>
          <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <Box sx={{ flex: 1, minHeight: 0 }}>
              <JournalGrid
                page={view}
                cells={cells}
                initialLessonId={route.lessonId}
                selectedLessonId={selected}
                onSelectLesson={selectLesson}
                onOpenLesson={openLesson}
                gridRef={gridRef}
                onActiveChange={onActiveChange}
                onCellMenu={(pos, at) => setMenu({ pos, at })}
                onRefused={setNotice}
              />
            </Box>
            <Box
              role="status"
              aria-live="polite"
              data-testid="journal-status"
              sx={{ minHeight: 44, px: 1, pt: 0.5, fontSize: 13, color: 'text.secondary', '& > div:first-of-type': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } }}
            >
              <div>
                {student && lesson
                  ? `${student.name} · ${formatDate(lesson.date)} (${weekdayShort(lesson.date)}), ${lesson.lessonNo}-й урок${
                      page.marksAllowed && workTypes.length > 0 ? ` · новые отметки: ${workTypes[0]}` : ''
                    }`
                  : ''}
              </div>
              {pending?.status === 'failed' ? (
                <Typography component="div" color="error" sx={{ fontSize: 13, fontWeight: 600 }} data-testid="cell-error" title={pending.message}>
                  {pending.message} Исправьте запись или нажмите Esc, чтобы её отменить.
                </Typography>
              ) : notice ? (
                <Typography component="div" color="warning.dark" sx={{ fontSize: 13 }} title={notice}>
                  {notice}
                </Typography>
              ) : null}
            </Box>
          </Box>
          {selectedLesson && (
            <Box sx={{ width: PANEL_W, flex: `0 0 ${PANEL_W}px` }}>
              <LessonPanel
                key={selectedLesson.id}
                page={view}
                lesson={selectedLesson}
                attendanceTaken={page.students.some((st) => cells.server.get(cellKey(st.id, selectedLesson.id))?.attendance)}
                onPatch={(patch) => {
                  patchedAt.current.set(selectedLesson.id, ++stamp.current);
                  setPatches((p) => ({ ...p, [selectedLesson.id]: { ...p[selectedLesson.id], ...patch } }));
                }}
                onClose={() => {
                  setSelected(null);
                  gridRef.current?.focus({ preventScroll: true });
                }}
                focusTopic={topicFocus?.lessonId === selectedLesson.id ? topicFocus.n : 0}
                onBack={() => {
                  setTopicFocus(null);
                  gridRef.current?.focus({ preventScroll: true });
                }}
              />
            </Box>
          )}
        </Box>
      )}
      <Menu
        open={menu !== null}
        onClose={() => setMenu(null)}
        anchorReference="anchorPosition"
        anchorPosition={menu ? { top: menu.at.y, left: menu.at.x } : undefined}
      >
        <MenuItem
          onClick={() => {
            setDialog({ kind: 'history', pos: menu!.pos });
            setMenu(null);
          }}
        >
          История изменений
        </MenuItem>
        <MenuItem
          disabled={!page.marksAllowed || !lessons[menu?.pos.col ?? 0]?.editable}
          onClick={() => {
            setDialog({ kind: 'marks', pos: menu!.pos });
            setMenu(null);
          }}
        >
          Виды работ отметок…
        </MenuItem>
        <MenuItem
          onClick={() => {
            openLesson(lessons[menu!.pos.col].id);
            setMenu(null);
          }}
        >
          Тема и домашнее задание урока
        </MenuItem>
      </Menu>
      {dialog?.kind === 'history' && (
        <HistoryDialog
          lessonId={lessons[dialog.pos.col].id}
          studentId={page.students[dialog.pos.row].id}
          title={cellTitle(dialog.pos)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'marks' && (
        <CellMarksDialog
          page={view}
          lessonId={lessons[dialog.pos.col].id}
          studentId={page.students[dialog.pos.row].id}
          marks={cells.server.get(cellKey(page.students[dialog.pos.row].id, lessons[dialog.pos.col].id))?.marks ?? []}
          title={cellTitle(dialog.pos)}
          onSaved={(cell, s) => cells.replaceCell(cellKey(page.students[dialog.pos.row].id, lessons[dialog.pos.col].id), cell, s)}
          onClose={() => setDialog(null)}
        />
      )}
      {reopening && page.period.id !== 'year' && (
        <ReopenDialog
          periodName={page.period.name}
          onCancel={() => setReopening(false)}
          onSubmit={async (reason, days) => {
            const r = await api.journal.reopenPage({ ...page.ref, periodId: page.period.id, reason, days });
            setReopening(false);
            notify.success(`Страница открыта для исправлений${r.closesAt ? ` до ${formatDateTime(r.closesAt)}` : ''}: учитель может исправить записи, причина записана в журнал изменений.`);
            // The page opens for corrections: read it again.
            await queryClient.invalidateQueries({ queryKey: ['journal.getPage'] });
          }}
        />
      )}
      {cells.reasonRequest && (
        <ReasonDialog
          message={cells.reasonRequest.message}
          onCancel={cells.clearReasonRequest}
          onSubmit={(reason) => {
            const entries = cells.reasonRequest!.entries;
            cells.clearReasonRequest();
            void cells.save(entries, { reason, recordUndo: false });
          }}
        />
      )}
    </Box>
  );
}
