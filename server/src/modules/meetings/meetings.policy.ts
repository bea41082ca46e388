import { ROLE_GROUPS } from '@anchang/contracts';
/** Who holds the debrief and the weekly review, corrects attendance, gives and closes items: the site's overseers. */
export const MEETING_HOSTS = ROLE_GROUPS.overseers;
