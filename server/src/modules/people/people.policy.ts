import { ROLE_GROUPS } from '@anchang/contracts';
/** Supervisors see who works on the site; only managers change it. */
export const PEOPLE_READERS = ROLE_GROUPS.peopleReaders;
