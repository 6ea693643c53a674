/**
 * Bell schedules of the two shifts. The second shift's first lesson rings at
 * the same time as the first shift's seventh, so lessons of both shifts fall
 * on one common time line of twelve slots: two lessons clash exactly when
 * they share a slot.
 */

export interface BellSlotDef {
  lessonNo: number;
  startTime: string;
  endTime: string;
}

export interface BellScheduleDef {
  shift: 1 | 2;
  name: string;
  slots: BellSlotDef[];
}

const slot = (lessonNo: number, startTime: string, endTime: string): BellSlotDef => ({ lessonNo, startTime, endTime });

export const BELL_SCHEDULES: readonly BellScheduleDef[] = [
  {
    shift: 1,
    name: 'Расписание звонков, 1 смена',
    slots: [
      slot(1, '08:00', '08:40'),
      slot(2, '08:50', '09:30'),
      slot(3, '09:45', '10:25'),
      slot(4, '10:45', '11:25'),
      slot(5, '11:40', '12:20'),
      slot(6, '12:30', '13:10'),
      slot(7, '13:20', '14:00'),
    ],
  },
  {
    shift: 2,
    name: 'Расписание звонков, 2 смена',
    slots: [
      slot(1, '13:20', '14:00'),
      slot(2, '14:10', '14:50'),
      slot(3, '15:05', '15:45'),
      slot(4, '16:00', '16:40'),
      slot(5, '16:50', '17:30'),
      slot(6, '17:40', '18:20'),
    ],
  },
];

/** The number of slots on the common time line. */
export const GLOBAL_SLOTS = 12;

/** Index on the common time line (0 = 08:00) of a shift's lesson. */
export function globalSlot(shift: 1 | 2, lessonNo: number): number {
  return shift === 1 ? lessonNo - 1 : lessonNo + 5;
}

export function bellSlot(shift: 1 | 2, lessonNo: number): BellSlotDef {
  const s = BELL_SCHEDULES.find((b) => b.shift === shift)?.slots.find((x) => x.lessonNo === lessonNo);
  if (!s) throw new Error(`No bell for shift ${shift} lesson ${lessonNo}`);
  return s;
}
