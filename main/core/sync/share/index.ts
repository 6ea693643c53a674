/** The shared-folder layer of sync: see README.md in this folder. */
export { SharedFolder, type CreateOptions, type OpenOptions, type FetchSnapshotResult } from './shared-folder';
export { ExclusiveLock, DEFAULT_LOCK, type LockOptions } from './lock';
export { DEFAULT_RETRY, type RetryPolicy } from './quarantine';
export { planPrune, type PruneInput, type PrunePlan } from './prune';
export { PROGRAM_FORMAT } from './layout';
export type * from './types';
