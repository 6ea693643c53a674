import type { ResultOf } from '../../main/core/api/types';

export type DatabaseStatus = ResultOf<'database.status'>;
export type TargetCheck = ResultOf<'database.test'>;
export type MoveJob = ResultOf<'database.moveJob'>;
export type MoveResult = NonNullable<MoveJob['result']>;
export type TlsMode = 'off' | 'require' | 'verify';

export const TLS_LABELS: Record<TlsMode, string> = {
  off: 'без шифрования',
  require: 'TLS без проверки сертификата',
  verify: 'TLS с проверкой сертификата',
};
