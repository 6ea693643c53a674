import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { newId } from '../shared/ids';

/**
 * This computer, as the school's other computers know it: an id made once
 * and kept in the data folder (`computer.json`), not in the database — a
 * database copied to another computer, or restored from a backup, must not
 * make two computers one. The name is what the administrator sees in the
 * list of computers.
 */
export interface ComputerIdentity {
  id: string;
  name: string;
}

export const COMPUTER_FILE = 'computer.json';

const schema = z.object({ id: z.string().uuid(), name: z.string().min(1).max(200) });

export function loadComputerIdentity(dataDir: string): ComputerIdentity {
  const file = path.join(dataDir, COMPUTER_FILE);
  if (fs.existsSync(file)) {
    const parsed = schema.safeParse(safeJson(fs.readFileSync(file, 'utf8')));
    // A damaged file must not silently make this a new computer with a new id: say so.
    if (!parsed.success) throw new Error(`Файл ${file} повреждён: в нём нет кода этого компьютера. Восстановите его из резервной копии папки данных или удалите, чтобы компьютер получил новый код.`);
    return parsed.data;
  }
  const identity: ComputerIdentity = { id: newId(), name: os.hostname() || 'Компьютер' };
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(identity, null, 2));
  fs.renameSync(tmp, file);
  return identity;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
