import { ROLE_GROUPS } from '@anchang/contracts';
/** Who keeps a site's robots, webhooks and delivery logs: its managers and the company admins (URLs and logs reach outside the company). */
export const CHANNEL_KEEPERS = ROLE_GROUPS.siteManagers;
