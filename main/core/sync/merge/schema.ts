import type { DataSource, EntityMetadata, EntitySchema } from 'typeorm';
import { ALL_ENTITIES } from '../../db/entities';
import { BOOKKEEPING_FIELDS, ENTITY_POLICIES } from '../../changes/policy';

/**
 * What the merge needs to know of an entity, read once from the TypeORM
 * metadata: its key, its columns, its foreign keys (parents must be there
 * before a row is written), its unique rules over live rows (two computers
 * may each make a row the other's rule forbids), and its place in the order
 * parents-before-children (ALL_ENTITIES).
 */
export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  /** The value of a column a row from an older program lacks. */
  fallback: unknown;
}

export interface EntityInfo {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of every entity
  schema: EntitySchema<any>;
  table: string;
  key: string;
  order: number;
  columns: Map<string, ColumnInfo>;
  /** Foreign keys: column → parent entity. */
  parents: { column: string; parent: string }[];
  /** Unique indexes over live rows (partial, `deletedAt IS NULL`): their columns and any further condition. */
  uniques: { name: string; columns: string[]; nullColumn: string | null; notNullColumn: string | null }[];
  hasTombstone: boolean;
  hasUpdatedAt: boolean;
}

export class MergeSchema {
  private readonly byName = new Map<string, EntityInfo>();

  constructor(ds: Pick<DataSource, 'getMetadata'>) {
    const tableToName = new Map<string, string>();
    const metas: EntityMetadata[] = ALL_ENTITIES.map((e) => ds.getMetadata(e));
    for (const m of metas) tableToName.set(m.tableName, m.name);
    ALL_ENTITIES.forEach((schema, order) => {
      const meta = metas[order];
      const columns = new Map<string, ColumnInfo>();
      for (const c of meta.columns) {
        const fallback = c.default !== undefined && typeof c.default !== 'function' ? c.default : null;
        columns.set(c.propertyName, { name: c.propertyName, type: String(c.type), nullable: c.isNullable, fallback });
      }
      const parents = meta.foreignKeys.map((fk) => ({
        column: fk.columns[0].propertyName,
        parent: tableToName.get(fk.referencedTablePath) ?? fk.referencedEntityMetadata?.name ?? '',
      }));
      const uniques = meta.indices
        .filter((i) => i.isUnique && (i.where ?? '').includes('"deletedAt" IS NULL'))
        .map((i) => ({
          name: i.name,
          columns: i.columns.map((c) => c.propertyName),
          nullColumn: /"(\w+)" IS NULL/.exec((i.where ?? '').replace('"deletedAt" IS NULL', ''))?.[1] ?? null,
          notNullColumn: /"(\w+)" IS NOT NULL/.exec(i.where ?? '')?.[1] ?? null,
        }));
      this.byName.set(meta.name, {
        name: meta.name,
        schema,
        table: meta.tableName,
        key: meta.primaryColumns[0].propertyName,
        order,
        columns,
        parents: parents.filter((p) => p.parent),
        uniques,
        hasTombstone: columns.has('deletedAt'),
        hasUpdatedAt: columns.has('updatedAt'),
      });
    });
  }

  /** The entity if this program knows it and it travels between computers; null otherwise. */
  mergeable(name: string): EntityInfo | null {
    const info = this.byName.get(name);
    const scope = ENTITY_POLICIES[name]?.scope;
    if (!info || (scope !== 'shared' && scope !== 'appendOnly')) return null;
    return info;
  }

  get(name: string): EntityInfo {
    const info = this.byName.get(name);
    if (!info) throw new Error(`unknown entity ${name}`);
    return info;
  }

  /** Fields a change may set: the columns but the key and the bookkeeping this computer keeps itself. */
  settable(info: EntityInfo, field: string): boolean {
    return field !== info.key && info.columns.has(field) && !BOOKKEEPING_FIELDS.has(field);
  }
}
