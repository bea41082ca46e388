import { ROLE_GROUPS } from '@anchang/contracts';
/** Who may push a notice to the site's phones. */
export const NOTICE_SENDERS = ROLE_GROUPS.noticeSenders;
