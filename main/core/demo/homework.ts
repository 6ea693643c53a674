import type { Rng } from './prng';
import { gradeRules } from '../school/grade-rules';

/**
 * Homework as teachers write it (in Russian, also for English lessons, as
 * seed 000 asks), moving through the textbook as the year goes on. `progress`
 * is the share of the year's lessons already given (0…1).
 */
export function homeworkFor(subjectKey: string, grade: number, progress: number, rng: Rng): string | null {
  if (!gradeRules(grade).homework) return null;
  const para = (total: number) => Math.max(1, Math.min(total, Math.round(1 + progress * (total - 1)) + rng.int(-1, 0)));
  const page = (total: number) => Math.max(3, Math.round(3 + progress * (total - 3)));
  const n = (total: number) => Math.max(1, Math.round(1 + progress * (total - 1)) + rng.int(0, 3));
  switch (subjectKey) {
    case 'russian': {
      const u = n(grade <= 4 ? 250 : 450);
      return rng.pick([`Упр. ${u}`, `§ ${para(grade <= 4 ? 60 : 75)}, упр. ${u}`, `Упр. ${u}, ${u + 2}`, `Выучить правило, упр. ${u}`, `Словарные слова, упр. ${u}`]);
    }
    case 'reading':
      return rng.pick([`Читать с. ${page(190)}–${page(190) + 4}`, `Выразительное чтение, с. ${page(190)}`, `Выучить стихотворение наизусть, с. ${page(190)}`, `Пересказ, с. ${page(190)}–${page(190) + 3}`]);
    case 'literature':
      return rng.pick([`Прочитать с. ${page(300)}–${page(300) + 12}`, `Ответить на вопросы на с. ${page(300)}`, 'Выучить стихотворение наизусть', `Письменный ответ на вопрос 3, с. ${page(300)}`, 'Подготовить пересказ эпизода', 'Дочитать произведение до конца']);
    case 'english': {
      const p = page(150);
      const ex = rng.int(1, 6);
      return rng.pick([`Упр. ${ex}, с. ${p}`, `Выучить слова, с. ${p}`, `Рабочая тетрадь, с. ${Math.round(p / 2)}`, `Прочитать и перевести текст, с. ${p}`, `Упр. ${ex}, ${ex + rng.int(1, 3)}, с. ${p} (письменно)`]);
    }
    case 'math':
    case 'algebra':
    case 'calculus':
    case 'geometry': {
      const k = n(grade <= 4 ? 300 : 1100);
      return rng.pick([`№ ${k}, ${k + 2}, ${k + 5}`, `П. ${para(40)}, № ${k}, ${k + 3}`, `№ ${k} (а, б), ${k + 1}`, `Повторить п. ${para(40)}, № ${k}`, `С. ${page(140)}, № ${rng.int(1, 9)}, ${rng.int(10, 15)}`]);
    }
    case 'probability':
      return rng.pick([`П. ${para(30)}, № ${n(300)}`, `Задачи ${n(300)}, ${n(300) + 2}`]);
    case 'informatics':
      return rng.pick([`§ ${para(30)}, вопросы 1–4`, `§ ${para(30)}, задание ${rng.int(2, 9)} в рабочей тетради`, `§ ${para(30)}, читать`, null]);
    case 'world':
      return rng.pick([`С. ${page(140)}–${page(140) + 3}, ответить на вопросы`, `Рабочая тетрадь, с. ${Math.round(page(140) / 2)}`, `Подготовить сообщение по теме урока`]);
    case 'history':
    case 'social':
    case 'geography':
    case 'biology':
      return rng.pick([`§ ${para(40)}, вопросы на с. ${page(260)}`, `§ ${para(40)}, пересказ`, `§ ${para(40)}, заполнить таблицу`, `§ ${para(40)}, термины выучить`, `§ ${para(40)}, задания в рабочей тетради`]);
    case 'physics':
    case 'chemistry':
      return rng.pick([`§ ${para(60)}, упр. ${rng.int(1, 30)}`, `§ ${para(60)}, вопросы после параграфа`, `§ ${para(60)}, задачи ${rng.int(1, 5)}, ${rng.int(6, 9)}`, `§ ${para(60)}, читать, выучить формулы`]);
    case 'obzr':
      return rng.pick([`§ ${para(35)}, читать`, `§ ${para(35)}, вопросы в конце параграфа`, null]);
    case 'music':
    case 'art':
    case 'technology':
    case 'orkse':
    case 'odnknr':
    case 'project':
      return rng.chance(0.3) ? rng.pick(['Подготовить материалы к следующему уроку', 'Закончить работу', 'Подготовить сообщение']) : null;
    case 'pe':
      return null;
    default:
      return null;
  }
}
