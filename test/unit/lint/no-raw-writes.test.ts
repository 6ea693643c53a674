import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Vitest runs from the repository's root. */
const ROOT = process.cwd();

/** Lints a file placed in a domain folder for the moment of the test, as the project's ESLint would. */
async function lintInDomain(code: string): Promise<string[]> {
  const file = path.join(ROOT, 'main', 'core', 'journal', `zz-lint-probe-${process.pid}.ts`);
  fs.writeFileSync(file, code);
  try {
    const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file]);
    return result.messages.filter((m) => m.ruleId === 'kz/no-raw-writes').map((m) => `${m.line}: ${m.message.split(' writes past')[0]}`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('kz/no-raw-writes: one write path', () => {
  it('refuses a write through an EntityManager, a query builder or raw SQL outside the write engine', async () => {
    const found = await lintInDomain(`import type { EntityManager } from 'typeorm';
import type { ReadableDb } from '../db/readable';
import { MarkEntity } from '../db/entities/journal';
export async function probe(em: EntityManager, db: ReadableDb, seen: Map<string, number>): Promise<void> {
  await em.insert(MarkEntity, {} as never);
  await db.createQueryBuilder().update(MarkEntity).set({ value: '5' }).where('1 = 0').execute();
  await em.query('DELETE FROM marks');
  seen.delete('a map is not a database');
}
`);
    expect(found).toEqual(['5: `insert` on EntityManager', '6: `update` on SelectQueryBuilder', '6: `execute` on UpdateQueryBuilder', '7: `query` on EntityManager']);
  }, 120_000);
});
