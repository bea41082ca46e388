/**
 * A site's copy of the service standards. The site adopts the built-in library in one action,
 * then edits its own copy; every edit is a new version, so a shift checked against version 3
 * keeps version 3 whatever happens to the standard afterwards.
 */
import type { PostKind, PostStandard, StandardItem, StandardSettings, StandardSummary, Text } from '@anchang/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB, StandardVersionsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { LIBRARY_VERSION, libraryItemIds, STANDARDS_LIBRARY, type StandardItemDef } from './library/index.js';
import { STANDARD_EDITORS } from './standards.policy.js';
import {
  findCurrentVersion,
  findSettingsRow,
  insertVersion,
  listCurrentVersions,
  listVersionsOfPost,
  upsertSettingsRow,
} from './standards.repository.js';
import { assertEditableItems, assertGreetingWindows, DEFAULT_STANDARD_SETTINGS } from './standards.rules.js';

/** What a version row stores as JSON. */
interface StandardContent {
  title: Text;
  duties: Text[];
  flow: Text[];
  norms: Text[];
  items: StandardItem[];
}

export function toPostStandard(row: StandardVersionsTable): PostStandard {
  const content = JSON.parse(row.content) as StandardContent;
  return {
    versionId: row.id,
    postKind: row.post_kind as PostKind,
    version: row.version,
    libraryVersion: row.library_version,
    ...content,
    changeNote: row.change_note,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/**
 * Writes version 1 of every post's standard from the built-in library (inside the caller's
 * transaction). `byName` is who adopted it, as shown in the version history.
 */
export async function adoptLibraryInto(trx: Transaction<DB>, siteId: string, byName: string | null, now: number): Promise<number> {
  for (const def of STANDARDS_LIBRARY) {
    const content: StandardContent = {
      title: def.title,
      duties: def.duties,
      flow: def.flow,
      norms: def.norms,
      items: def.items.map((i) => ({
        id: i.id,
        phase: i.phase,
        group: i.group,
        text: i.text,
        requiresPhoto: i.requiresPhoto ?? false,
        requiresNote: i.requiresNote ?? false,
        ...(i.parameters ? { parameters: i.parameters } : {}),
      })),
    };
    await insertVersion(trx, {
      id: newId(),
      site_id: siteId,
      post_kind: def.post,
      version: 1,
      library_version: LIBRARY_VERSION,
      content: JSON.stringify(content),
      change_note: `adopted library ${LIBRARY_VERSION}`,
      created_by: byName,
      created_at: now,
    });
  }
  await upsertSettingsRow(trx, siteId, JSON.stringify(DEFAULT_STANDARD_SETTINGS), now);
  return STANDARDS_LIBRARY.length;
}

export async function adoptLibrary(deps: Deps, actor: Actor, siteId: string): Promise<StandardSummary[]> {
  requireSiteRole(actor, siteId, STANDARD_EDITORS);
  await inTransaction(deps, async (tx) => {
    if ((await listCurrentVersions(tx.trx, siteId)).length > 0) {
      throw new AppError('STANDARDS_ALREADY_ADOPTED', { message: 'This site already has its standards; edit them instead' });
    }
    const posts = await adoptLibraryInto(tx.trx, siteId, actor.name, tx.now);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'standards.adopt',
      entityType: 'standards',
      entityId: siteId,
      detail: { libraryVersion: LIBRARY_VERSION, posts },
    });
    tx.emit({ siteId }, 'standard.changed', { postKind: '*', version: 1 });
  });
  return listStandards(deps, actor, siteId);
}

/** A library item as the site's copy stores it. */
function toStoredItem(i: StandardItemDef): StandardItem {
  return {
    id: i.id,
    phase: i.phase,
    group: i.group,
    text: i.text,
    requiresPhoto: i.requiresPhoto ?? false,
    requiresNote: i.requiresNote ?? false,
    ...(i.parameters ? { parameters: i.parameters } : {}),
  };
}

/**
 * The site's items with the library's items it lacks added, each placed after the library item
 * before it (so GUARD-IN-7 follows GUARD-IN-6 wherever the site moved it). The site's own edits of
 * items it has, and items it added or removed on purpose since adopting, are kept: an item the site
 * removed is only added back if the library's version is new to it, which it is not for an older item.
 */
export function mergeLibraryItems(
  siteItems: readonly StandardItem[],
  libraryItems: readonly StandardItemDef[],
  previousLibraryIds: ReadonlySet<string>,
): StandardItem[] {
  const out = [...siteItems];
  libraryItems.forEach((item, index) => {
    if (out.some((i) => i.id === item.id) || previousLibraryIds.has(item.id)) return;
    const before = libraryItems
      .slice(0, index)
      .reverse()
      .map((prev) => out.findIndex((i) => i.id === prev.id))
      .find((at) => at >= 0);
    out.splice(before === undefined ? 0 : before + 1, 0, toStoredItem(item));
  });
  return out;
}

/** Takes the library's newest version into a site that adopted an older one, as a new version of each post it changes. */
export async function adoptLibraryUpdate(deps: Deps, actor: Actor, siteId: string, input: { changeNote: string }): Promise<StandardSummary[]> {
  requireSiteRole(actor, siteId, STANDARD_EDITORS);
  const changeNote = input.changeNote.trim();
  if (changeNote === '') throw new AppError('VALIDATION_FAILED', { message: 'Say what changed', params: { field: 'changeNote' } });
  await inTransaction(deps, async (tx) => {
    const current = await listCurrentVersions(tx.trx, siteId);
    if (current.length === 0)
      throw new AppError('STANDARDS_NOT_ADOPTED', { message: 'This site has not adopted the service standards yet', params: {} });
    const changed: { postKind: string; version: number; added: number }[] = [];
    for (const def of STANDARDS_LIBRARY) {
      const row = current.find((r) => r.post_kind === def.post);
      if (row?.library_version === LIBRARY_VERSION) continue;
      const previous = new Set(row ? libraryItemIds(row.library_version, def.post) : []);
      const content: StandardContent = row
        ? (JSON.parse(row.content) as StandardContent)
        : { title: def.title, duties: def.duties, flow: def.flow, norms: def.norms, items: [] };
      const items = mergeLibraryItems(content.items, def.items, previous);
      const version = (row?.version ?? 0) + 1;
      await insertVersion(tx.trx, {
        id: newId(),
        site_id: siteId,
        post_kind: def.post,
        version,
        library_version: LIBRARY_VERSION,
        content: JSON.stringify({ ...content, items }),
        change_note: changeNote,
        created_by: actor.name,
        created_at: tx.now,
      });
      changed.push({ postKind: def.post, version, added: items.length - content.items.length });
      tx.emit({ siteId }, 'standard.changed', { postKind: def.post, version });
    }
    if (changed.length === 0)
      throw new AppError('STANDARDS_UP_TO_DATE', {
        message: 'This site already runs the newest library',
        params: { libraryVersion: LIBRARY_VERSION },
      });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'standards.library_update',
      entityType: 'standards',
      entityId: siteId,
      detail: { libraryVersion: LIBRARY_VERSION, changeNote, posts: changed },
    });
  });
  return listStandards(deps, actor, siteId);
}

export async function listStandards(deps: Deps, actor: Actor, siteId: string): Promise<StandardSummary[]> {
  requireSiteMember(actor, siteId);
  const rows = await listCurrentVersions(deps.db, siteId);
  const order = new Map(STANDARDS_LIBRARY.map((d, i) => [d.post as string, i]));
  return rows
    .map((r) => {
      const s = toPostStandard(r);
      return {
        postKind: s.postKind,
        title: s.title,
        version: s.version,
        versionId: s.versionId,
        itemCount: s.items.length,
        createdAt: s.createdAt,
        libraryVersion: s.libraryVersion,
      };
    })
    .sort((a, b) => (order.get(a.postKind) ?? 99) - (order.get(b.postKind) ?? 99));
}

/** The standard a shift starting now would run: the post's newest version. */
export async function currentStandardRow(db: Kysely<DB> | Transaction<DB>, siteId: string, postKind: string): Promise<StandardVersionsTable> {
  const row = await findCurrentVersion(db, siteId, postKind);
  if (!row)
    throw new AppError('STANDARDS_NOT_ADOPTED', {
      message: 'This site has not adopted the service standards yet',
      params: { postKind },
    });
  return row;
}

export async function getStandard(deps: Deps, actor: Actor, siteId: string, postKind: PostKind): Promise<PostStandard> {
  requireSiteMember(actor, siteId);
  return toPostStandard(await currentStandardRow(deps.db, siteId, postKind));
}

export async function listStandardVersions(deps: Deps, actor: Actor, siteId: string, postKind: PostKind) {
  requireSiteMember(actor, siteId);
  const rows = await listVersionsOfPost(deps.db, siteId, postKind);
  return rows.map((r) => ({ versionId: r.id, version: r.version, changeNote: r.change_note, createdAt: r.created_at, createdBy: r.created_by }));
}

export async function updateStandard(
  deps: Deps,
  actor: Actor,
  siteId: string,
  postKind: PostKind,
  input: { baseVersion: number; items: StandardItem[]; changeNote?: string },
): Promise<PostStandard> {
  requireSiteRole(actor, siteId, STANDARD_EDITORS);
  assertEditableItems(input.items);
  return inTransaction(deps, async (tx) => {
    const current = await currentStandardRow(tx.trx, siteId, postKind);
    if (current.version !== input.baseVersion) {
      throw new AppError('STANDARD_VERSION_CONFLICT', {
        message: 'Someone changed this standard meanwhile; reload it',
        params: { currentVersion: current.version },
      });
    }
    const content = { ...(JSON.parse(current.content) as StandardContent), items: input.items };
    const row: StandardVersionsTable = {
      id: newId(),
      site_id: siteId,
      post_kind: postKind,
      version: current.version + 1,
      library_version: current.library_version,
      content: JSON.stringify(content),
      change_note: (input.changeNote ?? '').trim(),
      created_by: actor.name,
      created_at: tx.now,
    };
    await insertVersion(tx.trx, row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'standard.update',
      entityType: 'standard',
      entityId: row.id,
      detail: { postKind, version: row.version, items: input.items.length, changeNote: row.change_note },
    });
    tx.emit({ siteId }, 'standard.changed', { postKind, version: row.version });
    return toPostStandard(row);
  });
}

export async function readStandardSettings(db: Kysely<DB> | Transaction<DB>, siteId: string): Promise<StandardSettings> {
  const row = await findSettingsRow(db, siteId);
  return row ? { ...DEFAULT_STANDARD_SETTINGS, ...(JSON.parse(row.settings) as Partial<StandardSettings>) } : DEFAULT_STANDARD_SETTINGS;
}

export async function getStandardSettings(deps: Deps, actor: Actor, siteId: string): Promise<StandardSettings> {
  requireSiteMember(actor, siteId);
  return readStandardSettings(deps.db, siteId);
}

export async function updateStandardSettings(deps: Deps, actor: Actor, siteId: string, settings: StandardSettings): Promise<StandardSettings> {
  requireSiteRole(actor, siteId, STANDARD_EDITORS);
  assertGreetingWindows(settings.greetingWindows);
  await inTransaction(deps, async (tx) => {
    await upsertSettingsRow(tx.trx, siteId, JSON.stringify(settings), tx.now);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'standard.settings', entityType: 'site', entityId: siteId, detail: { ...settings } });
    tx.emit({ siteId }, 'standard.changed', { postKind: 'settings', version: 0 });
  });
  return settings;
}
