import type { EntityManager } from 'typeorm';
import { SettingEntity } from '../db/entities/system';
import type { Writer } from '../audit/writer';
import type { Clock } from '../shared/clock';
import { SETTINGS, type SettingKey, type SettingValue } from './registry';

/** A setting's value, or its default when it was never set (or the stored value no longer fits). */
export async function getSetting<K extends SettingKey>(em: EntityManager, key: K): Promise<SettingValue<K>> {
  const row = await em.findOne(SettingEntity, { where: { key } });
  return parseStored(key, row?.value);
}

export async function getAllSettings(em: EntityManager): Promise<{ [K in SettingKey]: SettingValue<K> }> {
  const rows = await em.find(SettingEntity);
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) out[key] = parseStored(key, stored.get(key));
  return out as { [K in SettingKey]: SettingValue<K> };
}

/** Validates and stores a setting; the change is audited like any other. */
export async function setSetting<K extends SettingKey>(
  write: Writer,
  clock: Clock,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  const parsed = SETTINGS[key].schema.parse(value);
  const em = write.manager;
  const existing = await em.findOne(SettingEntity, { where: { key } });
  const json = JSON.stringify(parsed);
  if (existing?.value === json) return;
  const updatedAt = clock.now().toISOString();
  if (existing) await em.update(SettingEntity, { key }, { value: json, updatedAt });
  else await em.insert(SettingEntity, { key, value: json, updatedAt });
  await write.changed('Setting', key, 'value', existing ? JSON.parse(existing.value) : null, parsed);
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
