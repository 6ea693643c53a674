import type { Clock } from '../../shared/clock';
import type { ShareFs } from './share-fs';

/** What every part of the layer needs to read and write the share of one school as one computer. */
export interface ShareContext {
  share: ShareFs;
  /** The sync key (scrypt of the passphrase). */
  key: Buffer;
  dataSet: string;
  /** The folder's format from school.json; files are written in it. */
  folderFormat: number;
  computerId: string;
  computerName: string;
  /** This computer's clock: local records and the clock warning only, never lock ages. */
  clock: Clock;
}
