import { ROLE_GROUPS } from '@anchang/contracts';
/** Who keeps the ledger (adds, edits, retires assets, prints and revokes labels, sets schedules). */
export const LEDGER_KEEPERS = ROLE_GROUPS.overseers;
