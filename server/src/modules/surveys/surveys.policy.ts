import { ROLE_GROUPS, type Role } from '@anchang/contracts';
/** Who prints and revokes posters, and reads the answers with their comments and call-back numbers. */
export const SURVEY_KEEPERS = ROLE_GROUPS.overseers;
/** Who shows a visit's farewell QR: whoever sees the guests off, and their superiors in the console. */
export const FAREWELL_QR_SHOWERS = ROLE_GROUPS.visitWriters;
/** The client's viewer reads the figures, not the comments, numbers or who was rated. */
export const mayReadPeopleFigures = (role: Role) => SURVEY_KEEPERS.includes(role);
