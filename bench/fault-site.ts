/**
 * The people the fault run's phones sign in as, written straight through Kysely into the demo
 * sales center after the demo seed (as bench/visit-sites.ts does for the visits bench): each
 * client is one staff account on the demo site, with the posts its work needs.
 *
 * - `visits`: on the PARK and HALL posts, so one phone can register a car, take the party in
 *   the hall, hand it back to the car park and see it off (each hand-off acknowledged by a
 *   post that may receive it).
 * - `checklist`: on the CLEAN post (not held at clock-out by guests on site), rostered all day
 *   today and tomorrow, so it can clock in at any hour the run happens to start.
 * - `scans`: scans the checkpoints the demo's patrols and rounds are scheduled on.
 * - `repairs`: on the TECH post; reports a repair on a demo asset and takes it to done.
 */
import type { Kysely } from 'kysely';
import type { PostKind } from '@anchang/contracts';
import type { DB } from '../server/src/db/schema.js';
import { hashPassword } from '../server/src/platform/auth/password.js';
import { newId } from '../server/src/platform/ids.js';
import { addDays, localParts } from '../server/src/platform/site-time.js';

export const FAULT_PASSWORD = 'anchang123';
export const CLIENT_KINDS = ['visits', 'checklist', 'scans', 'repairs'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

const POSTS_OF: Record<ClientKind, PostKind[]> = {
  visits: ['PARK', 'HALL'],
  checklist: ['CLEAN'],
  scans: ['SECURITY'],
  repairs: ['TECH'],
};

export interface FaultClientAccount {
  login: string;
  personId: string;
  kind: ClientKind;
  /** The post a checklist client clocks in on. */
  postId: string;
}

export interface FaultSite {
  siteId: string;
  clients: FaultClientAccount[];
  /** Codes of checkpoints on an active patrol or round schedule: a scan of them is recorded. */
  scanCodes: string[];
  /** Assets a repair can be reported on; their code proves arrival. */
  assets: { id: string; code: string }[];
}

/** Adds `count` client accounts to the demo site, kinds in turn; returns what the clients need. */
export async function seedFaultSite(db: Kysely<DB>, count: number, now: number): Promise<FaultSite> {
  const site = await db.selectFrom('sites').select(['id', 'company_id', 'time_zone']).orderBy('created_at').executeTakeFirstOrThrow();
  const posts = await db.selectFrom('posts').select(['id', 'kind']).where('site_id', '=', site.id).execute();
  const postOf = (kind: PostKind) => posts.find((p) => p.kind === kind)?.id ?? fail(`the demo site has no ${kind} post`);
  const today = localParts(now, site.time_zone).date;
  const passwordHash = await hashPassword(FAULT_PASSWORD);

  const clients: FaultClientAccount[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const kind = CLIENT_KINDS[i % CLIENT_KINDS.length]!;
      const personId = newId(now);
      const login = `fault-${kind}-${i}`;
      await trx
        .insertInto('people')
        .values({
          id: personId,
          company_id: site.company_id,
          login,
          name: `故障演练 ${i}`,
          phone: `137${String(i).padStart(8, '0')}`,
          password_hash: passwordHash,
          locale: 'zh-CN',
          is_company_admin: 0,
          is_active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx.insertInto('site_members').values({ site_id: site.id, person_id: personId, role: 'staff', created_at: now }).execute();
      for (const postKind of POSTS_OF[kind]) {
        const postId = postOf(postKind);
        await trx
          .insertInto('post_assignments')
          .values({ post_id: postId, post_kind: postKind, person_id: personId, site_id: site.id, created_at: now })
          .execute();
        if (kind !== 'checklist') continue;
        for (const date of [today, addDays(today, 1)]) {
          await trx
            .insertInto('roster_entries')
            .values({
              id: newId(now),
              site_id: site.id,
              post_id: postId,
              person_id: personId,
              date,
              start_time: '00:00',
              end_time: '23:59',
              created_by: null,
              created_at: now,
            })
            .execute();
        }
      }
      clients.push({ login, personId, kind, postId: postOf(POSTS_OF[kind][0]!) });
    }
  });

  const roundCheckpoints = db.selectFrom('round_schedules').select('checkpoint_id').where('site_id', '=', site.id).where('active', '=', 1);
  const patrolCheckpoints = db
    .selectFrom('patrol_route_stops as s')
    .innerJoin('patrol_schedules as ps', 'ps.route_id', 's.route_id')
    .select('s.checkpoint_id')
    .where('ps.active', '=', 1);
  const scanCodes = (
    await db
      .selectFrom('checkpoints')
      .select('code')
      .where('site_id', '=', site.id)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('id', 'in', roundCheckpoints), eb('id', 'in', patrolCheckpoints)]))
      .execute()
  ).map((c) => c.code);
  const assets = await db.selectFrom('assets').select(['id', 'code']).where('site_id', '=', site.id).where('code_revoked_at', 'is', null).execute();
  if (scanCodes.length === 0) fail('the demo site has no scheduled checkpoint');
  if (assets.length === 0) fail('the demo site has no asset');
  return { siteId: site.id, clients, scanCodes, assets };
}

function fail(message: string): never {
  throw new Error(`fault seed: ${message}`);
}
