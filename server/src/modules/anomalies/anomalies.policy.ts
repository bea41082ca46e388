import { ROLE_GROUPS } from '@anchang/contracts';
/** The superiors every anomaly is reported to: they see all of a site's and handle them. */
export const ANOMALY_HANDLERS = ROLE_GROUPS.anomalyHandlers;
