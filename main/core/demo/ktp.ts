import type { Rng } from './prng';
import { themesFor } from './themes';
import { gradeRules } from '../school/grade-rules';

/**
 * КТП (calendar-thematic plan) of one teacher × subject × class or group: the
 * programme's section themes spread over the year's hours, each section a
 * run of lessons with the subject's usual assessed works (a dictation in
 * Russian, a control work in mathematics, laboratory works in the sciences),
 * and a final review and control work at the end of the year. Topic hours add
 * up exactly to the curriculum's hours a year.
 */

export interface TopicDraft {
  title: string;
  hours: number;
  /** A work type key (see work-types.ts) when the topic is an assessed work. */
  workTypeKey: string | null;
}

interface SubjectStyle {
  /** Lesson titles after the first lesson of a section. */
  steps: string[];
  /** What ends a section: [work type, title pattern with {theme} and {n}]. */
  closing: [string, string] | null;
  /** A work inside longer sections (laboratory, practical, essay). */
  inner: [string, string] | null;
  /** A lesson after the closing work. */
  afterClosing: string | null;
  /** The final work of the year. */
  finalWork: [string, string] | null;
}

const MATH_STEPS = ['Решение задач', 'Закрепление', 'Практикум по решению задач', 'Решение упражнений', 'Обобщение и систематизация'];

function style(subjectKey: string, grade: number): SubjectStyle {
  const final: [string, string] = ['control', 'Итоговая контрольная работа'];
  switch (subjectKey) {
    case 'russian':
      return {
        steps: ['Упражнения', 'Закрепление изученного', 'Практикум по орфографии', 'Развитие речи', 'Обобщение'],
        closing: ['dictation', 'Контрольный диктант по теме «{theme}»'],
        inner: grade >= 5 ? ['summary', 'Изложение'] : null,
        afterClosing: 'Анализ контрольного диктанта. Работа над ошибками',
        finalWork: ['dictation', 'Итоговый контрольный диктант'],
      };
    case 'literature':
      return {
        steps: ['Анализ произведения', 'Образы героев', 'Художественные особенности', 'Обсуждение прочитанного', 'Выразительное чтение'],
        closing: ['essay', 'Сочинение по теме «{theme}»'],
        inner: null,
        afterClosing: null,
        finalWork: ['control', 'Итоговая контрольная работа'],
      };
    case 'reading':
      return {
        steps: ['Чтение и обсуждение', 'Выразительное чтение', 'Работа с текстом', 'Пересказ'],
        closing: ['check', 'Проверочная работа по разделу «{theme}»'],
        inner: null,
        afterClosing: null,
        finalWork: ['check', 'Итоговая проверочная работа'],
      };
    case 'math':
    case 'algebra':
    case 'calculus':
    case 'geometry':
      return {
        steps: MATH_STEPS,
        closing: ['control', 'Контрольная работа № {n} по теме «{theme}»'],
        inner: ['independent', 'Самостоятельная работа'],
        afterClosing: 'Анализ контрольной работы. Работа над ошибками',
        finalWork: final,
      };
    case 'probability':
      return { steps: MATH_STEPS, closing: ['check', 'Проверочная работа по теме «{theme}»'], inner: null, afterClosing: null, finalWork: final };
    case 'english':
      return {
        steps: ['Лексика', 'Грамматика', 'Чтение', 'Аудирование', 'Говорение', 'Письмо'],
        closing: grade >= 5 ? ['control', 'Контрольная работа по теме «{theme}»'] : ['check', 'Проверочная работа по теме «{theme}»'],
        inner: ['test', 'Тест'],
        afterClosing: null,
        finalWork: grade >= 5 ? final : ['check', 'Итоговая проверочная работа'],
      };
    case 'physics':
    case 'chemistry':
      return {
        steps: ['Решение задач', 'Закрепление', 'Обобщение'],
        closing: ['control', 'Контрольная работа № {n} по теме «{theme}»'],
        inner: ['lab', 'Лабораторная работа № {n}'],
        afterClosing: null,
        finalWork: final,
      };
    case 'biology':
      return {
        steps: ['Продолжение темы', 'Закрепление', 'Обобщение'],
        closing: ['check', 'Проверочная работа по теме «{theme}»'],
        inner: ['lab', 'Лабораторная работа № {n}'],
        afterClosing: null,
        finalWork: ['test', 'Итоговое тестирование'],
      };
    case 'informatics':
      return {
        steps: ['Практикум', 'Закрепление', 'Обобщение'],
        closing: ['control', 'Контрольная работа по теме «{theme}»'],
        inner: ['practical', 'Практическая работа № {n}'],
        afterClosing: null,
        finalWork: final,
      };
    case 'history':
    case 'social':
    case 'geography':
      return {
        steps: ['Продолжение темы', 'Работа с источниками', 'Обобщение'],
        closing: ['check', 'Проверочная работа по теме «{theme}»'],
        inner: subjectKey === 'geography' ? ['practical', 'Практическая работа № {n}'] : null,
        afterClosing: null,
        finalWork: ['test', 'Итоговое тестирование'],
      };
    case 'world':
      return { steps: ['Продолжение темы', 'Обобщение'], closing: ['check', 'Проверочная работа по разделу «{theme}»'], inner: null, afterClosing: null, finalWork: ['check', 'Итоговая проверочная работа'] };
    case 'pe':
      return { steps: ['Техника выполнения упражнений', 'Учебная игра', 'Развитие выносливости', 'Развитие скоростных качеств', 'Развитие координации'], closing: null, inner: ['norms', 'Сдача нормативов'], afterClosing: null, finalWork: null };
    case 'obzr':
      return { steps: ['Продолжение темы', 'Практическое занятие', 'Обобщение'], closing: ['test', 'Тестирование по теме «{theme}»'], inner: null, afterClosing: null, finalWork: null };
    case 'music':
    case 'art':
    case 'technology':
    case 'project':
      return { steps: ['Продолжение темы', 'Практическая работа', 'Творческое задание'], closing: null, inner: ['practical', 'Практическая работа'], afterClosing: null, finalWork: null };
    default:
      // ОРКСЭ, ОДНКНР: pass/fail, no assessed works.
      return { steps: ['Продолжение темы', 'Обсуждение', 'Обобщение'], closing: null, inner: null, afterClosing: null, finalWork: null };
  }
}

/** The topics of a КТП: `totalHours` lessons in all. Grade 1 has no assessed works. */
export function buildPlanTopics(subjectKey: string, grade: number, totalHours: number, rng: Rng): TopicDraft[] {
  const themes = themesFor(subjectKey, grade);
  const st = style(subjectKey, grade);
  const marks = gradeRules(grade).marks && subjectKey !== 'orkse' && subjectKey !== 'odnknr';
  const topics: TopicDraft[] = [];

  // The end of the year: review, and the final work where the subject has one.
  const tail: TopicDraft[] = [];
  if (totalHours >= 30) {
    tail.push({ title: 'Повторение и обобщение изученного за год', hours: 1, workTypeKey: null });
    if (marks && st.finalWork) tail.push({ title: st.finalWork[1], hours: 1, workTypeKey: st.finalWork[0] });
    tail.push({ title: 'Повторение. Подведение итогов года', hours: 1, workTypeKey: null });
  }
  const bodyHours = totalHours - tail.length;

  // Sections: as many themes as fit with at least two lessons each, hours spread evenly.
  const sections = themes.slice(0, Math.max(1, Math.min(themes.length, Math.floor(bodyHours / 2))));
  const base = Math.floor(bodyHours / sections.length);
  let extra = bodyHours - base * sections.length;
  let closingNo = 0;
  let innerNo = 0;
  sections.forEach((theme) => {
    const n = base + (extra-- > 0 ? 1 : 0);
    const section: TopicDraft[] = [{ title: theme, hours: 1, workTypeKey: null }];
    const closing = marks && st.closing && n >= 4 ? st.closing : null;
    const after = closing && st.afterClosing && n >= 6 ? st.afterClosing : null;
    const middle = n - 1 - (closing ? 1 : 0) - (after ? 1 : 0);
    const innerAt = marks && st.inner && middle >= 3 ? 1 + Math.floor(middle / 2) : -1;
    let step = rng.int(0, st.steps.length - 1);
    for (let i = 0; i < middle; i++) {
      if (i === innerAt && st.inner) {
        innerNo++;
        const title = st.inner[1].includes('{n}') ? `${st.inner[1].replace('{n}', String(innerNo))} по теме «${theme}»` : `${st.inner[1]} по теме «${theme}»`;
        section.push({ title, hours: 1, workTypeKey: st.inner[0] });
      } else {
        section.push({ title: `${theme}. ${st.steps[step++ % st.steps.length]}`, hours: 1, workTypeKey: null });
      }
    }
    if (closing) {
      closingNo++;
      section.push({ title: closing[1].replace('{theme}', theme).replace('{n}', String(closingNo)), hours: 1, workTypeKey: closing[0] });
    }
    if (after) section.push({ title: after, hours: 1, workTypeKey: null });
    topics.push(...section);
  });
  topics.push(...tail);
  const sum = topics.reduce((s, t) => s + t.hours, 0);
  if (sum !== totalHours) throw new Error(`КТП ${subjectKey} ${grade}: ${sum} hours instead of ${totalHours}`);
  return topics;
}
