import { describe, expect, it } from 'vitest';
import { sectionsFor } from '../../../renderer/app/nav';
import { actorTitle } from '../../../renderer/app/roles';

const ids = (roles: Parameters<typeof sectionsFor>[0], leads: boolean) => sectionsFor(roles, leads).map((s) => s.id);

describe('the navigation shows a section only to those who can use it', () => {
  it('a subject teacher who leads no class sees no attendance week, diary or «Мой класс»', () => {
    const sections = ids(['teacher'], false);
    expect(sections).not.toContain('attendance');
    expect(sections).not.toContain('diary');
    expect(sections).not.toContain('myclass');
    expect(sections).toEqual(['lessons', 'journal', 'remarks', 'plans', 'reports', 'board', 'mail']);
  });

  it('a class teacher sees them', () => {
    expect(ids(['teacher'], true)).toEqual(expect.arrayContaining(['attendance', 'diary', 'myclass']));
  });

  it('the deputy sees the attendance week and the diary by her role, whether or not she leads a class', () => {
    expect(ids(['deputy', 'teacher'], false)).toEqual(expect.arrayContaining(['attendance', 'diary']));
    expect(ids(['deputy', 'teacher'], false)).not.toContain('myclass');
  });
});

describe('the header names the class teacher as the school does', () => {
  it('«Классный руководитель 7А», not «Учитель»', () => {
    expect(actorTitle(['teacher'], [{ name: '7А' }])).toBe('Классный руководитель 7А');
  });
  it('a subject teacher stays «Учитель»', () => {
    expect(actorTitle(['teacher'], [])).toBe('Учитель');
  });
  it('the deputy who leads a class is both', () => {
    expect(actorTitle(['deputy', 'teacher'], [{ name: '5Б' }])).toBe('Заместитель директора по УВР, Классный руководитель 5Б');
  });
});

describe('the deputy’s first screen is the day', () => {
  it('«Сегодня» comes first for the deputy, before the teacher’s «Мои уроки»', () => {
    expect(ids(['deputy', 'teacher'], false).slice(0, 2)).toEqual(['today', 'lessons']);
  });
  it('a teacher and the director do not get it', () => {
    expect(ids(['teacher'], true)).not.toContain('today');
    expect(ids(['director'], false)).not.toContain('today');
  });
});

describe('«Конфликты синхронизации» is there where the school’s computers sync', () => {
  it('the deputy and the administrator see it when sync is used, a teacher and the director never', () => {
    expect(sectionsFor(['deputy'], false, true).map((s) => s.id)).toContain('conflicts');
    expect(sectionsFor(['admin'], false, true).map((s) => s.id)).toContain('conflicts');
    expect(sectionsFor(['teacher'], true, true).map((s) => s.id)).not.toContain('conflicts');
    expect(sectionsFor(['director'], false, true).map((s) => s.id)).not.toContain('conflicts');
  });
  it('a school on one computer (or on a PostgreSQL server) is not shown an empty section', () => {
    expect(ids(['deputy'], false)).not.toContain('conflicts');
    expect(sectionsFor(['admin'], false, false).map((s) => s.id)).not.toContain('conflicts');
  });
});
