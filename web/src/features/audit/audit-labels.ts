/** Words for audit entries. Actions are `<entity>.<verb>` strings the server may add to. */
import type { AuditEntry, OpeningHours } from '@anchang/contracts';
import { i18n, translateDynamic } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';

export function actionLabel(action: string): string {
  return translateDynamic(`audit.actions.${action}`, action);
}

export function entityTypeLabel(entityType: string): string {
  return translateDynamic(`audit.entityTypes.${entityType}`, entityType);
}

/** Entities whose entries belong to no site: the company-level log (company admins). */
const COMPANY_LEVEL = new Set(['auth', 'instance']);

const actionsWhere = (keep: (entity: string) => boolean) =>
  // The known actions are the keys of the messages (the console has all of them loaded).
  Object.entries((i18n.getResource(i18n.language, 'translation', 'audit.actions') ?? {}) as Messages['audit']['actions'])
    .filter(([entity]) => keep(entity))
    .flatMap(([entity, verbs]) => Object.keys(verbs).map((verb) => `${entity}.${verb}`));

/** Actions a site's log can hold, for the filter. */
export function knownActions(): string[] {
  return actionsWhere((entity) => !COMPANY_LEVEL.has(entity));
}

/** Actions of the company-level log: sign-ins, refused sign-ins, sign-outs, passwords, the setup. */
export function companyActions(): string[] {
  return actionsWhere((entity) => COMPANY_LEVEL.has(entity));
}

/** The name of what was touched, when the entry recorded one. */
export function entityName(entry: AuditEntry): string | null {
  const { name, title, login } = entry.detail;
  for (const value of [name, title, login]) if (typeof value === 'string' && value) return value;
  return null;
}

/** Looks up display names for ids in the detail (zones, posts, people of the site). */
export type NameLookup = (id: string) => string | undefined;

const SHOWN_WITH_ENTITY = new Set(['name', 'title']);

/**
 * Detail as short translated `label: value` pairs; ids become names when we know them. A key the
 * server added after this build has no words yet: its value shows without the raw key (a
 * `partySize` in the middle of Chinese text reads as a bug, not as a label).
 */
export function detailPairs(entry: AuditEntry, lookup: NameLookup): { key: string; label: string; value: string }[] {
  return Object.entries(entry.detail)
    .filter(([key, value]) => !SHOWN_WITH_ENTITY.has(key) && value !== undefined)
    .map(([key, value]) => ({
      key,
      label: translateDynamic(`audit.detailKeys.${key}`, ''),
      value: formatDetail(entry.entityType, key, value, lookup),
    }));
}

function formatDetail(entityType: string, key: string, value: unknown, lookup: NameLookup): string {
  if (key === 'toPersonId' && value === null) return i18n.t('notices.everyone'); // a notice to the whole site
  if (value === null) return i18n.t('common.none');
  if (key === 'kind' && typeof value === 'string') {
    return translateDynamic(entityType === 'post' ? `postKinds.${value}` : `zoneKinds.${value}`, value);
  }
  if (key === 'role' && typeof value === 'string') return translateDynamic(`roles.${value}`, value);
  if (key === 'reason' && typeof value === 'string') return translateDynamic(`audit.reasons.${value}`, value);
  if (key === 'postKind' && typeof value === 'string') return translateDynamic(`postKinds.${value}`, value);
  if (key.endsWith('Id') && typeof value === 'string') return lookup(value) ?? i18n.t('audit.recorded');
  if (key === 'postIds' && Array.isArray(value)) {
    return value.length
      ? value.map((id) => (typeof id === 'string' ? (lookup(id) ?? i18n.t('audit.recorded')) : String(id))).join(i18n.t('common.listSeparator'))
      : i18n.t('common.none');
  }
  if (key === 'openingHours' && typeof value === 'object') {
    const hours = value as OpeningHours;
    const closed = hours.closedWeekdays.map((d) => translateDynamic(`weekdays.${d}`, String(d))).join(i18n.t('common.listSeparator'));
    return `${hours.open}–${hours.close}${closed ? ` (${closed} ✕)` : ''}`;
  }
  if (typeof value === 'boolean') return value ? i18n.t('common.yes') : i18n.t('common.no');
  // Stored enum values (walk_in, resolved) in words; free text and numbers as they are.
  if (typeof value === 'string' && /^[a-z]+(_[a-z]+)*$/.test(value)) return translateDynamic(`audit.values.${value}`, value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return i18n.t('audit.count', { count: value.length });
  return JSON.stringify(value);
}
