import { ROLE_GROUPS } from '@anchang/contracts';
/** Who may look at anyone's shift on the site (the person always sees their own). */
export const SHIFT_OVERSEERS = ROLE_GROUPS.overseers;
