import type { ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';
import { StaffEntity } from '../db/entities/staff';
import { SubjectEntity } from '../db/entities/school';
import { fullName, searchKey } from '../shared/text';
import { findLive } from '../school/common';
import { staffFields, setQualifications } from '../school/staff-methods';
import { z } from 'zod';
import { RowProblems, type CheckedRow, type SourceRow } from './engine';
import { parseDate, splitFullName } from './values';

/** Staff from the school's list: name, position, contacts, date of hiring and the subjects they teach. */
const staffSchema = z.object({
  lastName: staffFields.lastName,
  firstName: staffFields.firstName,
  middleName: staffFields.middleName,
  position: staffFields.position,
  phone: staffFields.phone,
  email: staffFields.email,
});

export interface StaffRowData extends z.output<typeof staffSchema> {
  hiredOn: string | null;
  subjectIds: string[];
}

const lower = (s: string) => s.replace(/^./, (c) => c.toLowerCase());

export async function checkStaff(em: ReadableDb, rows: SourceRow[]): Promise<CheckedRow<StaffRowData>[]> {
  const subjects = await findLive(em, SubjectEntity);
  const bySearch = new Map<string, string>();
  for (const s of subjects) {
    bySearch.set(s.searchName, s.id);
    bySearch.set(searchKey(s.shortName), s.id);
  }
  const staff = await findLive(em, StaffEntity);
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const v = row.values;
    const p = new RowProblems('staff');
    let names = { lastName: v.lastName, firstName: v.firstName, middleName: v.middleName || null };
    if (v.fullName) {
      const split = splitFullName(v.fullName);
      if (!split.ok) p.add('fullName', split.problem);
      else if (split.value) names = split.value;
    }
    const parsed = staffSchema.safeParse({ ...names, position: v.position, phone: v.phone, email: v.email });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        p.add(v.fullName && ['lastName', 'firstName', 'middleName'].includes(key) ? 'fullName' : key, lower(issue.message));
      }
    }
    const hired = parseDate(v.hiredOn);
    if (!hired.ok) p.add('hiredOn', hired.problem);
    const subjectIds: string[] = [];
    for (const name of v.subjects.split(/[,;]/).map((x) => x.trim()).filter(Boolean)) {
      const id = bySearch.get(searchKey(name));
      if (!id) p.add('subjects', `предмета «${name}» нет в списке предметов школы`);
      else if (!subjectIds.includes(id)) subjectIds.push(id);
    }
    if (parsed.success) {
      const key = searchKey(parsed.data.lastName, parsed.data.firstName, parsed.data.middleName);
      const earlier = seen.get(key);
      if (earlier) p.add(null, `повторяет строку ${earlier} (тот же сотрудник)`);
      else seen.set(key, row.rowNo);
      const twin = staff.find((s) => s.searchName === key && s.position.toLowerCase() === parsed.data.position.toLowerCase());
      if (twin) p.add(null, `сотрудник ${fullName(twin)} (${twin.position}) уже есть — повторно не загружается`);
    }
    return {
      ...row,
      problems: p.list,
      data: p.list.length === 0 && parsed.success ? { ...parsed.data, hiredOn: hired.ok ? hired.value : null, subjectIds } : null,
    };
  });
}

export async function applyStaff(write: Writer, rows: StaffRowData[]): Promise<{ staff: number }> {
  for (const r of rows) {
    const s = await write.insert(StaffEntity, {
      lastName: r.lastName,
      firstName: r.firstName,
      middleName: r.middleName,
      searchName: searchKey(r.lastName, r.firstName, r.middleName),
      position: r.position,
      phone: r.phone,
      email: r.email,
      hiredOn: r.hiredOn,
      leftOn: null,
      maxLessonsPerDay: null,
      note: null,
    });
    await setQualifications(write, s.id, r.subjectIds);
  }
  return { staff: rows.length };
}
