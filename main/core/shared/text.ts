/**
 * Cyrillic search is case-insensitive and treats «ё» as «е». SQLite's LOWER and
 * LIKE fold ASCII only, so rows keep a normalised copy of their searchable text.
 */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

const collator = new Intl.Collator('ru', { sensitivity: 'base' });

/** Sorting of Russian names: «ё» as «е», case ignored. */
export function compareRu(a: string, b: string): number {
  return collator.compare(a.replace(/ё/g, 'е').replace(/Ё/g, 'Е'), b.replace(/ё/g, 'е').replace(/Ё/g, 'Е'));
}

export function fullName(p: { lastName: string; firstName: string; middleName?: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** «Иванова А.П.» — the form used in journals and signature lines. */
export function shortName(p: { lastName: string; firstName: string; middleName?: string | null }): string {
  const initials = [p.firstName, p.middleName]
    .filter((s): s is string => !!s)
    .map((s) => `${s[0]}.`)
    .join('');
  return `${p.lastName} ${initials}`;
}
