import type { Role } from '@anchang/contracts';
/** Who may push a notice to the site's phones. */
export const NOTICE_SENDERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor'];
