/** The sync service's options of the merge kill tests (parent and child): a short lock settle, no poll. */
export const KILL_SYNC_OPTIONS = { lock: { settleMs: 20 }, pollMs: 3_600_000 };
