import { childText, childrenNamed, child, type XmlElement } from './xml';
import { partsKey } from '../timetable/parts';
import type { ImportedGroup, ImportedNamed } from './model';

/**
 * FET's students, as the school's classes and study groups.
 *
 * FET knows years, groups and subgroups; two students sets may meet at once
 * exactly when they share no subgroup. Schools use the levels in two ways:
 * a year is a class (years «5А», «5Б», divided into groups), or a year is a
 * grade whose groups are the classes (year «5», groups «5а», «5б», with
 * subgroups inside each class) — the common shape of FET's own examples.
 * A year is read as a grade when some of its groups are named like classes
 * and those groups divide the year without overlapping; otherwise the year
 * is the class.
 *
 * Every students set is reduced to its «atoms» (subgroups, or a group or
 * year that is not divided further). An activity's students are cut by
 * class: the whole class where the activity covers all of it, otherwise a
 * study group made of the atoms it covers there. The groups of a class are
 * put into splits (groups of one split are disjoint and may meet; groups of
 * different splits overlap) when FET's structure allows it; when it does not
 * (a group together with its own subgroups, say), the groups keep the list of
 * their atoms in the split key, and the conflict engine compares those.
 */

export interface FetClass extends ImportedNamed {
  atoms: Set<string>;
}

export interface FetPart {
  classKey: string;
  /** Null: the whole class. */
  groupKey: string | null;
}

export class FetStudents {
  readonly classes: FetClass[] = [];
  /** Every students set by name: its atoms. */
  private readonly sets = new Map<string, Set<string>>();
  private readonly classOfAtom = new Map<string, FetClass>();
  /** Study groups met in activities, by key: class, atoms (sorted), and the name first given. */
  private readonly groups = new Map<string, { classKey: string; atoms: string[]; name: string }>();
  /** Group keys by class and atom signature (`fet-g1`, … in the order met: the same file gives the same keys). */
  private readonly groupKeys = new Map<string, string>();
  /** Known set names per class and atom signature, to name a group that several sets make up together. */
  private readonly named = new Map<string, string>();

  constructor(fet: XmlElement, isClassName: (name: string) => boolean) {
    const list = child(fet, 'Students_List');
    for (const year of list ? childrenNamed(list, 'Year') : []) {
      const yearName = childText(year, 'Name');
      if (!yearName) continue;
      const groups = childrenNamed(year, 'Group').map((g) => ({
        name: childText(g, 'Name'),
        subgroups: childrenNamed(g, 'Subgroup').map((s) => childText(s, 'Name')).filter(Boolean),
      }));
      const yearAtoms = new Set<string>();
      for (const g of groups) {
        if (!g.name) continue;
        const atoms = g.subgroups.length ? g.subgroups : [g.name];
        this.addSet(g.name, atoms);
        for (const s of g.subgroups) this.addSet(s, [s]);
        for (const a of atoms) yearAtoms.add(a);
      }
      if (!yearAtoms.size) yearAtoms.add(yearName);
      this.addSet(yearName, [...yearAtoms]);

      const asClasses = isClassName(yearName) ? null : classGroups(groups.filter((g) => g.name), yearAtoms, this.sets, isClassName);
      if (asClasses) for (const g of asClasses) this.addClass(g, this.sets.get(g)!);
      else this.addClass(yearName, yearAtoms);
    }
    // Names of the sets within each class, to name groups by the set they are.
    for (const [name, atoms] of this.sets) {
      const byClass = this.cut(atoms);
      for (const [cls, inClass] of byClass) {
        if (inClass.length === cls.atoms.size) continue;
        const sig = `${cls.key}|${inClass.sort().join('\u0000')}`;
        if (!this.named.has(sig) || atoms.size === inClass.length) this.named.set(sig, name);
      }
    }
  }

  has(name: string): boolean {
    return this.sets.has(name);
  }

  /** The classes and groups an activity for these students sets is for. */
  parts(setNames: string[]): FetPart[] {
    const union = new Set<string>();
    for (const n of setNames) for (const a of this.sets.get(n) ?? []) union.add(a);
    const out: FetPart[] = [];
    for (const [cls, atoms] of this.cut(union)) {
      if (atoms.length === cls.atoms.size) {
        out.push({ classKey: cls.key, groupKey: null });
        continue;
      }
      atoms.sort();
      const sig = atoms.join('\u0000');
      const sigKey = `${cls.key}|${sig}`;
      let key = this.groupKeys.get(sigKey);
      if (!key) {
        key = `fet-g${this.groupKeys.size + 1}`;
        this.groupKeys.set(sigKey, key);
        const own = setNames.filter((n) => [...(this.sets.get(n) ?? [])].some((a) => cls.atoms.has(a)));
        const name = own.length === 1 ? own[0] : (this.named.get(sigKey) ?? own.join(' + '));
        this.groups.set(key, { classKey: cls.key, atoms, name: withoutClass(name, cls.name) });
      }
      out.push({ classKey: cls.key, groupKey: key });
    }
    return out;
  }

  /** The study groups met so far, with their splits. */
  studyGroups(): { groups: ImportedGroup[]; exact: boolean } {
    const byClass = new Map<string, { key: string; atoms: string[]; name: string }[]>();
    for (const [key, g] of this.groups) (byClass.get(g.classKey) ?? byClass.set(g.classKey, []).get(g.classKey)!).push({ key, atoms: g.atoms, name: g.name });
    const out: ImportedGroup[] = [];
    let exact = true;
    for (const [classKey, list] of byClass) {
      const cls = this.classes.find((c) => c.key === classKey)!;
      const splits = flatSplits(list.map((g) => new Set(g.atoms)));
      if (splits) {
        list.forEach((g, i) => out.push({ key: g.key, classKey, name: g.name, splitKey: `деление ${splits[i] + 1}` }));
        continue;
      }
      const order = [...cls.atoms].sort();
      const keys = list.map((g) => partsKey(g.atoms.map((a) => order.indexOf(a))));
      if (keys.some((k) => k === null)) {
        // More subgroups than a split key can hold: the closest flat splits (may over-warn, never under-warn).
        exact = false;
        list.forEach((g, i) => out.push({ key: g.key, classKey, name: g.name, splitKey: `группа ${i + 1}` }));
        continue;
      }
      list.forEach((g, i) => out.push({ key: g.key, classKey, name: g.name, splitKey: keys[i]! }));
    }
    return { groups: out, exact };
  }

  private addSet(name: string, atoms: string[]): void {
    const set = this.sets.get(name);
    if (set) for (const a of atoms) set.add(a);
    else this.sets.set(name, new Set(atoms));
  }

  private addClass(name: string, atoms: Set<string>): void {
    if (this.classes.some((c) => c.key === name)) return;
    const cls: FetClass = { key: name, name, short: name, atoms: new Set(atoms) };
    this.classes.push(cls);
    for (const a of atoms) if (!this.classOfAtom.has(a)) this.classOfAtom.set(a, cls);
  }

  /** The atoms of a set, by the class they belong to. */
  private cut(atoms: Iterable<string>): Map<FetClass, string[]> {
    const out = new Map<FetClass, string[]>();
    for (const a of atoms) {
      const cls = this.classOfAtom.get(a);
      if (cls) (out.get(cls) ?? out.set(cls, []).get(cls)!).push(a);
    }
    return out;
  }
}

/**
 * The groups of a grade-year that are its classes: groups named like classes
 * that together cover the year and do not overlap. Single-letter names
 * («5а») are tried first, then any class-like name; null when neither works.
 */
function classGroups(
  groups: { name: string }[],
  yearAtoms: Set<string>,
  sets: Map<string, Set<string>>,
  isClassName: (name: string) => boolean,
): string[] | null {
  const tiers = [groups.filter((g) => isClassName(g.name) && /^\d{1,2}\s*[-.]?\s*\p{L}$/u.test(g.name.trim())), groups.filter((g) => isClassName(g.name))];
  for (const tier of tiers) {
    if (!tier.length) continue;
    const seen = new Set<string>();
    let ok = true;
    for (const g of tier) {
      for (const a of sets.get(g.name) ?? []) {
        if (seen.has(a)) ok = false;
        seen.add(a);
      }
    }
    if (ok && seen.size === yearAtoms.size) return tier.map((g) => g.name);
  }
  return null;
}

/**
 * Splits for groups given as atom sets, when they can be exact: groups of
 * one split pairwise disjoint, groups of different splits overlapping. The
 * split number of each group, or null when no such splits exist.
 */
export function flatSplits(groups: Set<string>[]): number[] | null {
  const n = groups.length;
  const disjoint = (i: number, j: number) => ![...groups[i]].some((a) => groups[j].has(a));
  const split = new Array<number>(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (split[i] >= 0) continue;
    // The component of i in the «disjoint» graph.
    const stack = [i];
    split[i] = count;
    while (stack.length) {
      const k = stack.pop()!;
      for (let j = 0; j < n; j++) {
        if (split[j] < 0 && disjoint(k, j)) {
          split[j] = count;
          stack.push(j);
        }
      }
    }
    count++;
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if ((split[i] === split[j]) !== disjoint(i, j)) return null;
  return split;
}

/** «5А гр. 1» in 5А → «гр. 1»; a name that does not start with the class stays. */
function withoutClass(name: string, className: string): string {
  const m = new RegExp(`^${className.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s_.:-]+(.+)$`, 'iu').exec(name.trim());
  return m ? m[1] : name;
}
