import { ROLE_GROUPS } from '@anchang/contracts';
/** Who keeps the stores: receives, issues, counts and manages the item list. */
export const STOCK_KEEPERS = ROLE_GROUPS.stockKeepers;
