import { EntitySchema } from 'typeorm';
import { col, syncedColumns, type Synced } from '../columns';

/** A member of staff (сотрудник): teacher, deputy, director, secretary, administrator. */
export interface Staff extends Synced {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** Normalised «фамилия имя отчество» for Cyrillic search (ё → е, lower case). */
  searchName: string;
  position: string;
  phone: string | null;
  email: string | null;
  hiredOn: string | null;
  leftOn: string | null;
  /** Most lessons a day this teacher may take, substitutions included (null: the school's default). */
  maxLessonsPerDay: number | null;
  note: string | null;
}

export const StaffEntity = new EntitySchema<Staff>({
  name: 'Staff',
  tableName: 'staff',
  columns: {
    id: col.id(),
    lastName: col.string(100),
    firstName: col.string(100),
    middleName: col.string(100, true),
    searchName: col.string(310),
    position: col.string(200),
    phone: col.string(50, true),
    email: col.string(200, true),
    hiredOn: col.date(true),
    leftOn: col.date(true),
    maxLessonsPerDay: col.int(true),
    note: col.text(),
    ...syncedColumns,
  },
  indices: [{ name: 'IDX_staff_searchName', columns: ['searchName'] }],
});
