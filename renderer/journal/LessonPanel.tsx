import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import { api, ApiError, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { formatDate, weekdayShort } from '../i18n/format';
import type { JournalPage, PageLesson } from './cell-model';
import { LimitedTextField, overLimit, useTextLimit } from '../components/LimitedTextField';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/**
 * The lesson's panel: the topic (offered from the КТП, editable), the
 * homework for the next lesson, the work types used that day (the first is
 * what new marks get), the teacher or the substitute, and the attendance
 * taken. Text saves when the field is left or with Ctrl+Enter.
 */
export function LessonPanel({
  page,
  lesson,
  attendanceTaken,
  onPatch,
  onClose,
  focusTopic = 0,
  onBack,
}: {
  page: JournalPage;
  lesson: PageLesson;
  /** An absence or lateness is recorded in the lesson (so its attendance is taken). */
  attendanceTaken: boolean;
  onPatch(patch: Partial<PageLesson>): void;
  onClose(): void;
  /** Non-zero, and new each time: the keyboard comes here from the grid (Ctrl+Enter), into the topic. */
  focusTopic?: number;
  /** Esc: the keyboard goes back to the grid, to the cell it came from. */
  onBack?(): void;
}) {
  // The panel is keyed by the lesson: a new lesson is a new form.
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [homework, setHomework] = useState(lesson.homework ?? '');
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  /** A refusal of one field, shown under that field with its name. */
  const [fieldErrors, setFieldErrors] = useState<{ topic?: string; homework?: string }>({});
  const limit = useTextLimit('lessonText');
  const notify = useNotify();
  const editable = lesson.editable;
  /** What was last sent (or loaded): a field differs from it only while it holds unsaved text. */
  const sent = useRef({ topic: lesson.topic ?? '', homework: lesson.homework ?? '' });
  const latest = useRef({ topic, homework, onPatch });
  useEffect(() => {
    latest.current = { topic, homework, onPatch };
  });

  // The lesson's text can change after this panel opened: the save from its previous panel (left a moment ago)
  // lands now. The fields show it, unless the teacher has typed into them since.
  useEffect(() => {
    const saved = { topic: lesson.topic ?? '', homework: lesson.homework ?? '' };
    if (saved.topic !== sent.current.topic && latest.current.topic.trim() === sent.current.topic) {
      sent.current.topic = saved.topic;
      setTopic(saved.topic);
    }
    if (saved.homework !== sent.current.homework && latest.current.homework.trim() === sent.current.homework) {
      sent.current.homework = saved.homework;
      setHomework(saved.homework);
    }
  }, [lesson.topic, lesson.homework]);

  const send = async (lessonId: string, next: { topic?: string; homework?: string; planTopicId?: string | null }) => {
    const changedTopic = next.topic !== undefined && next.topic.trim() !== sent.current.topic;
    const changedHomework = next.homework !== undefined && next.homework.trim() !== sent.current.homework;
    if (!changedTopic && !changedHomework) return null;
    const before = { ...sent.current };
    if (changedTopic) sent.current.topic = next.topic!.trim();
    if (changedHomework) sent.current.homework = next.homework!.trim();
    try {
      return await api.journal.setLessonText({
        lessonId,
        ...(changedTopic ? { topic: next.topic!.trim() || null } : {}),
        ...(changedHomework ? { homework: next.homework!.trim() || null } : {}),
        ...(next.planTopicId !== undefined ? { planTopicId: next.planTopicId } : {}),
      });
    } catch (e) {
      // Not saved: the field still differs from what the core holds, so leaving it saves again.
      sent.current = before;
      throw e;
    }
  };

  const saveText = async (next: { topic?: string; homework?: string; planTopicId?: string | null }) => {
    // Too long a text is not sent: its field says so, by name, and keeps the text for the teacher to shorten.
    const tooLong = tooLongField(next, limit);
    if (tooLong) {
      setState({ kind: 'failed', message: `Не сохранено — см. поле «${tooLong.field}».` });
      return;
    }
    setState({ kind: 'saving' });
    try {
      const r = await send(lesson.id, next);
      if (r) onPatch({ topic: r.topic, homework: r.homework, topicLate: r.topicLate, homeworkLate: r.homeworkLate });
      setFieldErrors((f) => ({ ...f, ...(next.topic !== undefined ? { topic: undefined } : {}), ...(next.homework !== undefined ? { homework: undefined } : {}) }));
      setState(r ? { kind: 'saved' } : { kind: 'idle' });
    } catch (e) {
      if (e instanceof ApiError && (e.fields.topic || e.fields.homework)) {
        setFieldErrors({
          ...(e.fields.topic ? { topic: `${FIELD_NAME.topic}: ${lower(e.fields.topic)}` } : {}),
          ...(e.fields.homework ? { homework: `${FIELD_NAME.homework}: ${lower(e.fields.homework)}` } : {}),
        });
        setState({ kind: 'failed', message: `Не сохранено — см. поле «${e.fields.topic ? FIELD_NAME.topic : FIELD_NAME.homework}».` });
      } else setState({ kind: 'failed', message: messageOf(e) });
    }
  };

  // Another lesson chosen, the panel closed or the page left with text typed but not saved: it is saved now, and a failure is told.
  useEffect(
    () => () => {
      if (!lesson.editable) return;
      const { topic: t, homework: h, onPatch: patch } = latest.current;
      const next = { topic: t, ...(page.homeworkAllowed ? { homework: h } : {}) };
      const tooLong = tooLongField(next, limit);
      if (tooLong) {
        notify.error(new ApiError('VALIDATION', `Урок ${formatDate(lesson.date)}: ${tooLong.message} Текст не сохранён.`));
        return;
      }
      send(lesson.id, next).then(
        (r) => r && patch({ topic: r.topic, homework: r.homework, topicLate: r.topicLate, homeworkLate: r.homeworkLate }),
        (e: unknown) =>
          notify.error(new ApiError('VALIDATION', `Тема и домашнее задание урока ${formatDate(lesson.date)} не сохранены: ${messageOf(e)}`)),
      );
    },
    // Runs once, when this lesson's panel goes away.
    [],
  );

  const panelRef = useRef<HTMLElement>(null);
  const topicRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusTopic === 0) return;
    // A read-only lesson's fields take no focus: the panel itself does, so that Esc still goes back.
    if (editable && topicRef.current) {
      topicRef.current.focus();
      topicRef.current.setSelectionRange(topicRef.current.value.length, topicRef.current.value.length);
    } else panelRef.current?.focus();
  }, [focusTopic, editable]);

  const toggleType = async (id: string) => {
    const next = lesson.workTypeIds.includes(id) ? lesson.workTypeIds.filter((x) => x !== id) : [...lesson.workTypeIds, id];
    try {
      const r = await api.journal.setLessonWorkTypes({ lessonId: lesson.id, workTypeIds: next });
      onPatch({ workTypeIds: r.workTypeIds });
    } catch (e) {
      setState({ kind: 'failed', message: messageOf(e) });
    }
  };

  const confirmAttendance = async () => {
    try {
      const r = await api.journal.confirmAttendance({ lessonId: lesson.id });
      onPatch({ status: r.status });
    } catch (e) {
      setState({ kind: 'failed', message: messageOf(e) });
    }
  };

  const keys = (field: 'topic' | 'homework') => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void saveText(field === 'topic' ? { topic } : { homework });
    }
  };

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2, height: '100%', overflow: 'auto', outline: 'none' }}
      component="aside"
      aria-label="Урок"
      data-testid="lesson-panel"
      ref={panelRef}
      tabIndex={-1}
      onKeyDown={(e: React.KeyboardEvent<HTMLElement>) => {
        // Esc of a menu opened from the panel (in a portal) closes the menu only.
        if (e.key === 'Escape' && onBack && panelRef.current?.contains(e.target as Node)) {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', mb: 1 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h6" component="h2">
            {formatDate(lesson.date)}, {weekdayShort(lesson.date)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {lesson.lessonNo}-й урок · {lesson.substitute ? `замена: ${lesson.substitute} (вместо ${lesson.teacher})` : lesson.teacher}
          </Typography>
        </Box>
        <Tooltip title="Закрыть панель урока">
          <IconButton size="small" onClick={onClose} aria-label="Закрыть панель урока">
            <CloseOutlined fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {!editable && lesson.readOnlyReason && (
        <Alert severity="info" sx={{ mb: 1.5 }}>
          {lesson.readOnlyReason}
        </Alert>
      )}
      <LimitedTextField
        label={FIELD_NAME.topic}
        limit={limit}
        value={topic}
        onChange={(e) => setTopic(e.target.value)}
        onBlur={() => void saveText({ topic })}
        onKeyDown={keys('topic')}
        minRows={2}
        maxRows={6}
        disabled={!editable}
        inputRef={topicRef}
        error={!!fieldErrors.topic}
        helperText={fieldErrors.topic}
        slotProps={{ htmlInput: { 'data-testid': 'lesson-topic' } }}
      />
      {lesson.planTopic && lesson.planTopic.title !== topic && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
            По КТП: {lesson.planTopic.title}
          </Typography>
          {editable && (
            <Button
              size="small"
              onClick={() => {
                setTopic(lesson.planTopic!.title);
                void saveText({ topic: lesson.planTopic!.title, planTopicId: lesson.planTopic!.id });
              }}
            >
              Взять из КТП
            </Button>
          )}
        </Box>
      )}
      {lesson.topicLate && <LateNote text="Тема записана позже срока" />}
      <LimitedTextField
        label={FIELD_NAME.homework}
        limit={limit}
        value={page.homeworkAllowed ? homework : ''}
        onChange={(e) => setHomework(e.target.value)}
        onBlur={() => void saveText({ homework })}
        onKeyDown={keys('homework')}
        minRows={2}
        maxRows={6}
        disabled={!editable || !page.homeworkAllowed}
        error={!!fieldErrors.homework}
        helperText={fieldErrors.homework ?? (page.homeworkAllowed ? 'К следующему уроку; Ctrl+Enter — сохранить, Esc — обратно в таблицу' : 'В 1 классе домашние задания не задаются.')}
        sx={{ mt: 1 }}
        slotProps={{ htmlInput: { 'data-testid': 'lesson-homework' } }}
      />
      {lesson.homeworkLate && <LateNote text="Домашнее задание записано позже срока" />}
      <Typography variant="caption" role="status" sx={{ display: 'block', minHeight: 20, color: state.kind === 'failed' ? 'error.main' : 'text.secondary' }}>
        {state.kind === 'saving' ? 'Сохраняется…' : state.kind === 'saved' ? 'Сохранено' : state.kind === 'failed' ? state.message : ''}
      </Typography>
      {page.marksAllowed && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1, mb: 0.5 }}>
            Виды работ на уроке
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
            Новые отметки получают первый выбранный вид работы.
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, mb: 1 }}>
            {lesson.workTypeIds.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                Не выбраны: новые отметки — «{page.workTypes[0]?.name ?? '—'}».
              </Typography>
            )}
            {lesson.workTypeIds.map((id, index) => {
              const w = page.workTypes.find((x) => x.id === id);
              return (
                <Chip
                  key={id}
                  label={`${index + 1}. ${w?.name ?? 'вид работы удалён'}`}
                  size="small"
                  color="primary"
                  onDelete={editable ? () => void toggleType(id) : undefined}
                />
              );
            })}
          </Box>
          {editable && (
            <TextField
              select
              label="Добавить вид работы"
              value=""
              onChange={(e) => void toggleType(e.target.value)}
              slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 320 } } } } } }}
            >
              {page.workTypes
                .filter((w) => !lesson.workTypeIds.includes(w.id))
                .map((w) => (
                  <MenuItem key={w.id} value={w.id}>
                    {w.name} (вес {String(w.weight).replace('.', ',')})
                  </MenuItem>
                ))}
            </TextField>
          )}
        </>
      )}
      <Box sx={{ mt: 2 }}>
        {lesson.status === 'given' || attendanceTaken ? (
          <Typography variant="body2" color="success.main">
            Посещаемость отмечена.
          </Typography>
        ) : (
          editable &&
          lesson.date <= page.today && (
            <Button variant="outlined" size="small" onClick={() => void confirmAttendance()}>
              Все присутствуют
            </Button>
          )
        )}
      </Box>
    </Paper>
  );
}

function LateNote({ text }: { text: string }) {
  return (
    <Typography variant="caption" color="warning.dark" sx={{ display: 'flex', alignItems: 'center', gap: 0.5, mb: 0.5 }}>
      <ScheduleOutlined sx={{ fontSize: 14 }} /> {text}
    </Typography>
  );
}

const FIELD_NAME = { topic: 'Тема урока', homework: 'Домашнее задание' } as const;

function lower(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/** The first field of the lesson's text that is over the limit, with its message, or null. */
function tooLongField(next: { topic?: string; homework?: string }, limit: number): { field: string; message: string } | null {
  for (const key of ['topic', 'homework'] as const) {
    const text = next[key];
    const message = text === undefined ? null : overLimit(FIELD_NAME[key], text, limit);
    if (message) return { field: FIELD_NAME[key], message };
  }
  return null;
}
