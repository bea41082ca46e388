import type { Role } from '@anchang/contracts';
/** Who may look at anyone's shift on the site (the person always sees their own). */
export const SHIFT_OVERSEERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor'];
