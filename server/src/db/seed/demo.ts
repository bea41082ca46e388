/**
 * The demo company: one sales center with every zone and post of the domain reference and an
 * account per role, all with one published password. Written once, into an empty database, when
 * the start asks for it (`npm start`, SEED_DEMO=true); never with APP_MODE=production (config.ts).
 */
import type { Kysely } from 'kysely';
import { POST_DEFAULT_ZONE, type PostKind, type SiteRole, type ZoneKind } from '@anchang/contracts';
import type { DB } from '../schema.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/auth/password.js';
import { addDays, localParts, mondayOf } from '../../platform/site-time.js';
import { adoptLibraryInto } from '../../modules/standards/index.js';
import { seedDemoPatrols } from '../../modules/patrols/patrols.seed.js';
import { seedDemoSupplies } from '../../modules/supplies/supplies.seed.js';
import { seedDemoEquipment } from '../../modules/equipment/equipment.seed.js';
import { seedDemoRounds } from '../../modules/rounds/rounds.seed.js';

export const DEMO_PASSWORD = 'anchang123';

export interface DemoAccount {
  login: string;
  name: string;
  role: SiteRole | 'company_admin';
  posts: PostKind[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { login: 'admin', name: '周总 (公司管理员)', role: 'company_admin', posts: [] },
  { login: 'manager', name: '林经理 (案场负责人)', role: 'site_manager', posts: ['MANAGER'] },
  { login: 'supervisor', name: '陈主管', role: 'supervisor', posts: [] },
  { login: 'hall', name: '王晓婷 (大厅)', role: 'staff', posts: ['HALL'] },
  { login: 'bar', name: '刘佳 (吧台)', role: 'staff', posts: ['BAR'] },
  { login: 'park', name: '张伟 (车场)', role: 'staff', posts: ['PARK'] },
  { login: 'shuttle', name: '赵强 (电瓶车)', role: 'staff', posts: ['SHUTTLE'] },
  { login: 'model', name: '孙丽 (样板房)', role: 'staff', posts: ['MODEL'] },
  { login: 'guard', name: '何军 (展示区礼宾)', role: 'staff', posts: ['GUARD'] },
  { login: 'tech', name: '吴工 (技术)', role: 'staff', posts: ['TECH'] },
  { login: 'security', name: '郑刚 (安全员)', role: 'staff', posts: ['SECURITY'] },
  { login: 'clean', name: '钱芳 (保洁)', role: 'staff', posts: ['CLEAN'] },
  { login: 'green', name: '黄建国 (绿化)', role: 'staff', posts: ['GREEN'] },
  { login: 'consultant', name: '李娜 (置业顾问)', role: 'sales_consultant', posts: [] },
  { login: 'client', name: '甲方代表', role: 'client_viewer', posts: [] },
];

const ZONES: { kind: ZoneKind; name: string; capacity: number | null }[] = [
  { kind: 'SALES_HALL', name: '销售大厅', capacity: 40 },
  { kind: 'BAR', name: '吧台', capacity: null },
  { kind: 'CAR_PARK', name: '访客停车场', capacity: 60 },
  { kind: 'SHOW_AREA', name: '展示区', capacity: null },
  { kind: 'MODEL_ROOM', name: '样板房 A 户型', capacity: 12 },
  { kind: 'MODEL_ROOM', name: '样板房 B 户型', capacity: 12 },
  { kind: 'SHUTTLE_ROUTE', name: '电瓶车路线', capacity: null },
  { kind: 'WASHROOM', name: '卫生间', capacity: null },
  { kind: 'PERIPHERY', name: '案场外围', capacity: null },
  { kind: 'OFFICE', name: '物业办公室', capacity: null },
];

const POSTS: { kind: PostKind; name: string }[] = [
  { kind: 'HALL', name: '销售大厅服务岗' },
  { kind: 'BAR', name: '吧台服务岗' },
  { kind: 'PARK', name: '车场服务岗' },
  { kind: 'GUARD', name: '展示区礼宾岗' },
  { kind: 'SHUTTLE', name: '电瓶车服务岗' },
  { kind: 'MODEL', name: '样板房讲解岗' },
  { kind: 'MODELSVC', name: '样板房服务岗' },
  { kind: 'SECURITY', name: '安全岗' },
  { kind: 'CLEAN', name: '保洁岗' },
  { kind: 'GREEN', name: '绿化岗' },
  { kind: 'TECH', name: '案场技术岗' },
  { kind: 'MANAGER', name: '案场管理岗' },
];

/** Seeds the demo company when the database has no company yet; returns whether it did. */
export async function seedDemoIfEmpty(db: Kysely<DB>, now: number): Promise<boolean> {
  const any = await db.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const companyId = newId();
    // Marked as the demo, so every screen says so, across restarts.
    await trx.insertInto('companies').values({ id: companyId, name: '安畅物业服务有限公司', created_at: now, is_demo: 1 }).execute();
    const siteId = newId();
    await trx
      .insertInto('sites')
      .values({
        id: siteId,
        company_id: companyId,
        name: '滨江壹号售楼处',
        address: '杭州市滨江区江南大道 1 号',
        time_zone: 'Asia/Shanghai',
        opening_hours: JSON.stringify({ open: '08:30', close: '18:00', closedWeekdays: [] }),
        created_at: now,
        updated_at: now,
      })
      .execute();
    const zoneIdByKind = new Map<ZoneKind, string>();
    for (const z of ZONES) {
      const id = newId();
      if (!zoneIdByKind.has(z.kind)) zoneIdByKind.set(z.kind, id);
      await trx
        .insertInto('zones')
        .values({ id, site_id: siteId, kind: z.kind, name: z.name, capacity: z.capacity, created_at: now, updated_at: now })
        .execute();
    }
    const postIdByKind = new Map<PostKind, string>();
    for (const p of POSTS) {
      const id = newId();
      postIdByKind.set(p.kind, id);
      const zoneKind = POST_DEFAULT_ZONE[p.kind];
      await trx
        .insertInto('posts')
        .values({
          id,
          site_id: siteId,
          kind: p.kind,
          name: p.name,
          zone_id: zoneKind ? (zoneIdByKind.get(zoneKind) ?? null) : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await adoptLibraryInto(trx, siteId, null, now);
    await seedDemoEquipment(trx, siteId, zoneIdByKind, now);
    // The hall's 40 seats as tables, for seating and the sand-table waiting list.
    for (const [i, seats] of [6, 6, 6, 4, 4, 4, 4, 6].entries()) {
      await trx
        .insertInto('hall_tables')
        .values({ id: newId(), site_id: siteId, name: `${i + 1} 号桌`, seats, created_at: now })
        .execute();
    }
    // Two weeks of roster from this week's Monday, so the phones have a shift today.
    const firstDay = mondayOf(localParts(now, 'Asia/Shanghai').date);
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const personId = newId();
      await trx
        .insertInto('people')
        .values({
          id: personId,
          company_id: companyId,
          login: a.login,
          name: a.name,
          phone: `1380000${String(1000 + i)}`,
          password_hash: passwordHash,
          locale: 'zh-CN',
          is_company_admin: a.role === 'company_admin' ? 1 : 0,
          is_active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (a.role !== 'company_admin') {
        await trx.insertInto('site_members').values({ site_id: siteId, person_id: personId, role: a.role, created_at: now }).execute();
      }
      for (const kind of a.posts) {
        const postId = postIdByKind.get(kind)!;
        await trx
          .insertInto('post_assignments')
          .values({ post_id: postId, post_kind: kind, person_id: personId, site_id: siteId, created_at: now })
          .execute();
        for (let d = 0; d < 14; d++) {
          await trx
            .insertInto('roster_entries')
            .values({
              id: newId(),
              site_id: siteId,
              post_id: postId,
              person_id: personId,
              date: addDays(firstDay, d),
              start_time: '08:30',
              end_time: '18:00',
              created_by: null,
              created_at: now,
            })
            .execute();
        }
      }
      if (a.role !== 'company_admin') {
        await trx
          .insertInto('training_records')
          .values({
            id: newId(),
            company_id: companyId,
            person_id: personId,
            kind: 'pre_job',
            topic: 'BI 规范及楼盘基本情况',
            completed_at: now,
            recorded_by: null,
          })
          .execute();
      }
    }
    const manager = await trx
      .selectFrom('people')
      .select('id')
      .where('company_id', '=', companyId)
      .where('login', '=', 'manager')
      .executeTakeFirstOrThrow();
    await seedDemoSupplies(trx, siteId, manager.id, now);
    await seedDemoPatrols(trx, siteId, zoneIdByKind, now);
    await seedDemoRounds(trx, siteId, zoneIdByKind, now);
  });
  return true;
}
