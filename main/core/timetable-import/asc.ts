import { childrenNamed, child, type XmlElement } from './xml';
import { splitPersonName, type ImportedGroup, type ImportedPlacement, type ImportedTimetable } from './model';

/**
 * The «aSc Timetables 2012 XML» export (File → Export in aSc TimeTables):
 * collections of rows whose attributes are named by the collection's
 * `columns`. Lessons list their classes, groups, teachers and candidate
 * rooms; each card places a lesson for one period on a day (a bit mask),
 * in weeks and terms (bit masks too), in the rooms it names. Groups that
 * share a `divisiontag` split a class; `entireclass` is the class itself.
 *
 * A lesson's teachers are given to its groups in order when there are as many
 * of each (aSc keeps no finer link); one teacher takes all the groups (a
 * joint lesson); with more teachers than groups the first one stays. Each
 * teacher works in the room of the same position in the card, or in its
 * only room. All parts of a card are one lesson: they never clash.
 */

export class AscRefusal extends Error {}

function ids(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function rows(root: XmlElement, collection: string, row: string): XmlElement[] {
  const c = child(root, collection);
  return c ? childrenNamed(c, row) : [];
}

/** Index of the single '1' in a day mask «00100» → 3 (Wednesday); every '1' of a multi-day mask. */
function maskDays(mask: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] === '1') out.push(i + 1);
  return out;
}

export function readAsc(root: XmlElement, encoding: string, opts: { term?: number } = {}): ImportedTimetable {
  if (root.name.toLowerCase() !== 'timetable') {
    throw new AscRefusal(`это не экспорт aSc TimeTables: в файле корневой элемент <${root.name}>, а не <timetable>.`);
  }
  const version = root.attrs.ascttversion ?? '';
  const display = root.attrs.displayname ?? '';
  const hasColumns = root.children.some((c) => 'columns' in c.attrs);
  if (!hasColumns && !/2012/.test(display)) {
    throw new AscRefusal(
      'это экспорт в старом формате «aSc Timetables 2008 XML» (или не из aSc). Экспортируйте расписание заново: Файл → Экспорт → «aSc Timetables 2012 XML».',
    );
  }
  const missing = ['subjects', 'teachers', 'classes', 'lessons', 'cards'].filter((c) => !child(root, c));
  if (missing.length) throw new AscRefusal(`в экспорте aSc нет разделов: ${missing.join(', ')}. Это не полный экспорт расписания.`);

  const notes: string[] = [];
  const teachers = rows(root, 'teachers', 'teacher').map((t) => {
    const name = (t.attrs.name || `${t.attrs.lastname ?? ''} ${t.attrs.firstname ?? ''}`).trim() || t.attrs.short || t.attrs.id;
    const parts = t.attrs.lastname ? { lastName: t.attrs.lastname, ...splitFirst(t.attrs.firstname ?? '') } : splitPersonName(name);
    return { key: t.attrs.id, name, ...parts };
  });
  const subjects = rows(root, 'subjects', 'subject').map((s) => ({ key: s.attrs.id, name: (s.attrs.name || s.attrs.short || '').trim(), short: (s.attrs.short || s.attrs.name || '').trim() }));
  const rooms = rows(root, 'classrooms', 'classroom').map((r) => ({ key: r.attrs.id, name: (r.attrs.name || r.attrs.short || '').trim(), short: (r.attrs.short || r.attrs.name || '').trim() }));
  const classes = rows(root, 'classes', 'class').map((c) => ({ key: c.attrs.id, name: (c.attrs.name || c.attrs.short || '').trim(), short: (c.attrs.short || c.attrs.name || '').trim() }));

  const groupRows = rows(root, 'groups', 'group');
  const entire = new Set(groupRows.filter((g) => g.attrs.entireclass === '1').map((g) => g.attrs.id));
  const groups: ImportedGroup[] = groupRows
    .filter((g) => g.attrs.entireclass !== '1')
    .map((g) => ({ key: g.attrs.id, classKey: g.attrs.classid, name: (g.attrs.name || '').trim(), splitKey: `деление ${g.attrs.divisiontag || '?'}` }));
  const groupClass = new Map(groupRows.map((g) => [g.attrs.id, g.attrs.classid]));

  const periods = new Set(rows(root, 'periods', 'period').map((p) => Number(p.attrs.period)));
  const termCount = Math.max(1, ...rows(root, 'termsdefs', 'termsdef').map((t) => (t.attrs.terms ?? '').length));
  const term = opts.term ?? 1;
  if (termCount > 1) notes.push(`В расписании ${termCount} ${termCount < 5 ? 'периода' : 'периодов'} (terms); импортируется период ${term}.`);

  const lessons = new Map(rows(root, 'lessons', 'lesson').map((l) => [l.attrs.id, l]));
  const cards = rows(root, 'cards', 'card');
  const cardsPerLesson = new Map<string, number>();
  for (const c of cards) cardsPerLesson.set(c.attrs.lessonid, (cardsPerLesson.get(c.attrs.lessonid) ?? 0) + 1);

  let cycleWeeks: 1 | 2 = 1;
  let longCycle = 0;
  for (const c of cards) {
    const w = c.attrs.weeks ?? '1';
    if (w.length >= 2 && w.includes('0')) cycleWeeks = 2;
    if (w.length > 2) longCycle = Math.max(longCycle, w.length);
  }
  if (longCycle) notes.push(`В расписании цикл из ${longCycle} недель; импортируются недели 1 и 2 (А и Б).`);

  const teacherIds = new Set(teachers.map((t) => t.key));
  const roomIds = new Set(rooms.map((r) => r.key));
  const classIds = new Set(classes.map((c) => c.key));
  const skipped = { noTeacher: new Set<string>(), noClass: new Set<string>(), unknownRoom: 0 };
  const placements: ImportedPlacement[] = [];
  let teamLessons = 0;
  let pairedGuess = 0;
  let skippedTerm = 0;
  cards.forEach((card, ci) => {
    const lesson = lessons.get(card.attrs.lessonid);
    if (!lesson) throw new AscRefusal(`карточка ссылается на урок ${card.attrs.lessonid}, которого нет в разделе lessons: файл повреждён.`);
    const terms = card.attrs.terms;
    if (terms && terms.length >= term && terms[term - 1] !== '1') {
      skippedTerm++;
      return;
    }
    const parity = weekParity(card.attrs.weeks ?? '1');
    if (parity === null) return;
    const days = maskDays(card.attrs.days ?? '');
    const period = Number(card.attrs.period);
    if (!days.length || !Number.isInteger(period) || (periods.size && !periods.has(period))) {
      throw new AscRefusal(`у карточки урока ${lesson.attrs.id} неверный день «${card.attrs.days ?? ''}» или урок «${card.attrs.period ?? ''}».`);
    }
    // Cards are one per period; an export with one card per double lesson is expanded.
    const perCard = Math.max(1, Number(lesson.attrs.periodspercard) || 1);
    const perWeek = Number(lesson.attrs.periodsperweek) || 0;
    const count = cardsPerLesson.get(lesson.attrs.id) ?? 1;
    const span = perCard > 1 && count * perCard <= perWeek + 0.5 && count < perWeek ? perCard : 1;

    const parts = lessonParts(lesson, groupClass, entire, classIds);
    const teachersOf = ids(lesson.attrs.teacherids).filter((id) => teacherIds.has(id));
    if (!parts.length) {
      skipped.noClass.add(lesson.attrs.id);
      return;
    }
    if (!teachersOf.length) {
      skipped.noTeacher.add(lesson.attrs.id);
      return;
    }
    if (teachersOf.length > parts.length) teamLessons++;
    else if (teachersOf.length > 1) pairedGuess++;
    const listed = ids(card.attrs.classroomids);
    const cardRooms = listed.filter((id) => roomIds.has(id));
    if (cardRooms.length < listed.length) skipped.unknownRoom++;
    for (const day of days) {
      for (let k = 0; k < span; k++) {
        parts.forEach((part, pi) => {
          const ti = teachersOf.length === parts.length ? pi : teachersOf.length === 1 ? 0 : pi % teachersOf.length;
          const room = cardRooms.length === 0 ? null : (cardRooms[ti] ?? cardRooms[0]);
          placements.push({
            weekday: day,
            lessonNo: period + k,
            weekParity: parity,
            classKey: part.classKey,
            groupKey: part.groupKey,
            subjectKey: lesson.attrs.subjectid,
            teacherKey: teachersOf[ti],
            roomKey: room,
            cardKey: `asc-${ci}`,
          });
        });
      }
    }
  });
  if (skipped.noTeacher.size) notes.push(`Уроков без учителя пропущено: ${skipped.noTeacher.size} (в журнале у урока должен быть учитель).`);
  if (skipped.noClass.size) notes.push(`Уроков без класса пропущено: ${skipped.noClass.size}.`);
  if (skipped.unknownRoom) notes.push(`Карточек со ссылкой на кабинет, которого нет в файле: ${skipped.unknownRoom}; у этих уроков кабинет не указан.`);
  if (skippedTerm) notes.push(`Карточек других периодов пропущено: ${skippedTerm}.`);
  if (teamLessons) notes.push(`Уроков, которые ведут несколько учителей одну группу: ${teamLessons}. В журнале у урока один учитель — оставлен первый.`);
  if (pairedGuess) {
    notes.push(`Уроков с подгруппами и несколькими учителями: ${pairedGuess}. Учителя сопоставлены подгруппам по порядку в файле — проверьте их в редакторе.`);
  }
  return {
    format: 'asc',
    source: `aSc TimeTables${version ? ` ${version}` : ''}`,
    encoding,
    cycleWeeks,
    teachers,
    classes,
    groups,
    subjects,
    rooms,
    placements,
    notes,
  };
}

/** «1» or «11» every week; «10» week A; «01» week B; null when neither of the first two weeks has it. */
function weekParity(mask: string): 0 | 1 | 2 | null {
  if (mask.length < 2) return mask === '0' ? null : 0;
  const a = mask[0] === '1';
  const b = mask[1] === '1';
  if (a && b) return 0;
  if (a) return 1;
  if (b) return 2;
  return null;
}

/** The classes and groups a lesson is for: each class with its groups named in the lesson, or whole; none when it names no class of the file. */
function lessonParts(lesson: XmlElement, groupClass: Map<string, string>, entire: Set<string>, known: Set<string>): { classKey: string; groupKey: string | null }[] {
  const classesOf = ids(lesson.attrs.classids).filter((id) => known.has(id));
  const groupsOf = ids(lesson.attrs.groupids);
  const parts: { classKey: string; groupKey: string | null }[] = [];
  for (const cls of classesOf) {
    const own = groupsOf.filter((g) => groupClass.get(g) === cls);
    if (own.length === 0 || own.some((g) => entire.has(g))) parts.push({ classKey: cls, groupKey: null });
    else for (const g of own) parts.push({ classKey: cls, groupKey: g });
  }
  return parts;
}

/** aSc's `firstname` may be «Анна Петровна» or initials «А.П.». */
function splitFirst(first: string): { firstName: string | null; middleName: string | null } {
  const s = first.trim();
  const initials = /^([^\s.])\.\s?([^\s.])?\.?$/u.exec(s);
  if (initials) return { firstName: `${initials[1]}.`, middleName: initials[2] ? `${initials[2]}.` : null };
  const parts = s.split(/\s+/).filter(Boolean);
  return { firstName: parts[0] ?? null, middleName: parts.slice(1).join(' ') || null };
}
