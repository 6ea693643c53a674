import type { ReadableDb } from '../db/readable';
import { SettingEntity } from '../db/entities/system';
import type { Writer } from '../write/writer';
import { SETTINGS, type SettingKey, type SettingValue } from './registry';

/** A setting's value, or its default when it was never set (or the stored value no longer fits). */
export async function getSetting<K extends SettingKey>(em: ReadableDb, key: K): Promise<SettingValue<K>> {
  const row = await em.findOne(SettingEntity, { where: { key } });
  return parseStored(key, row?.value);
}

export async function getAllSettings(em: ReadableDb): Promise<{ [K in SettingKey]: SettingValue<K> }> {
  const rows = await em.find(SettingEntity);
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) out[key] = parseStored(key, stored.get(key));
  return out as { [K in SettingKey]: SettingValue<K> };
}

/** Validates and stores a setting through the Writer: audited and shared like any record. */
export async function setSetting<K extends SettingKey>(write: Writer, key: K, value: SettingValue<K>): Promise<void> {
  const parsed = SETTINGS[key].schema.parse(value);
  const existing = await write.db.findOne(SettingEntity, { where: { key } });
  const json = JSON.stringify(parsed);
  if (existing?.value === json) return;
  if (existing) await write.update(SettingEntity, key, { value: json });
  else await write.insert(SettingEntity, { key, value: json });
}

function parseStored<K extends SettingKey>(key: K, raw: string | undefined): SettingValue<K> {
  const spec = SETTINGS[key];
  if (raw === undefined) return spec.default as SettingValue<K>;
  try {
    const parsed = spec.schema.safeParse(JSON.parse(raw));
    return (parsed.success ? parsed.data : spec.default) as SettingValue<K>;
  } catch {
    // A hand-edited or damaged value: fall back to the default rather than fail every screen.
    return spec.default as SettingValue<K>;
  }
}
