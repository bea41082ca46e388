/**
 * The demo site's equipment: a dozen assets across its zones, each with its own QR secret,
 * and a couple of maintenance schedules (one due today, so the due list is not empty).
 */
import type { Transaction } from 'kysely';
import type { AssetCategory, ZoneKind } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { addDays, localParts } from '../../platform/site-time.js';
import { insertAsset, insertSchedule } from './equipment.repository.js';
import { newAssetCode } from './equipment.service.js';

const DEMO_ASSETS: { zone: ZoneKind; category: AssetCategory; zh: string; en: string; model: string; where: string }[] = [
  {
    zone: 'SALES_HALL',
    category: 'air_conditioning',
    zh: '大厅中央空调 1 号',
    en: 'Hall central AC no. 1',
    model: 'Daikin FXMQ140',
    where: '大厅东侧吊顶',
  },
  {
    zone: 'SALES_HALL',
    category: 'air_conditioning',
    zh: '大厅中央空调 2 号',
    en: 'Hall central AC no. 2',
    model: 'Daikin FXMQ140',
    where: '大厅西侧吊顶',
  },
  { zone: 'SALES_HALL', category: 'lighting', zh: '大厅水晶吊灯', en: 'Hall chandelier', model: 'LED 36 头', where: '沙盘正上方' },
  { zone: 'SALES_HALL', category: 'audio_visual', zh: '沙盘投影仪', en: 'Sand-table projector', model: 'Epson CB-L610U', where: '沙盘北侧' },
  { zone: 'SALES_HALL', category: 'audio_visual', zh: '背景音乐系统', en: 'Background music system', model: 'Bose FreeSpace', where: '前台机柜' },
  { zone: 'SALES_HALL', category: 'fire_extinguisher', zh: '大厅灭火器 A', en: 'Hall extinguisher A', model: 'MFZ/ABC4', where: '大厅入口左侧' },
  { zone: 'BAR', category: 'water_dispenser', zh: '吧台直饮水机', en: 'Bar drinking-water unit', model: 'Qinyuan QZ-1000', where: '吧台后方' },
  { zone: 'BAR', category: 'other', zh: '吧台咖啡机', en: 'Bar coffee machine', model: 'De’Longhi ECAM', where: '吧台操作台' },
  { zone: 'MODEL_ROOM', category: 'lighting', zh: '样板房客厅筒灯', en: 'Model room living-room downlights', model: 'LED 12W', where: '客厅吊顶' },
  { zone: 'MODEL_ROOM', category: 'air_conditioning', zh: '样板房空调', en: 'Model room AC', model: 'Gree KFR-72', where: '客厅' },
  { zone: 'WASHROOM', category: 'other', zh: '卫生间感应洗手器', en: 'Washroom sensor taps', model: 'TOTO TENA', where: '洗手台' },
  { zone: 'SHUTTLE_ROUTE', category: 'shuttle', zh: '1 号电瓶车', en: 'Shuttle no. 1', model: 'Lvtong LT-S8', where: '充电桩 1 号位' },
  { zone: 'PERIPHERY', category: 'fire_extinguisher', zh: '外围消防栓', en: 'Outdoor fire hydrant', model: 'SS100/65', where: '停车场入口' },
];

export async function seedDemoEquipment(trx: Transaction<DB>, siteId: string, zoneIdByKind: Map<ZoneKind, string>, now: number): Promise<void> {
  const today = localParts(now, 'Asia/Shanghai').date;
  const ids: string[] = [];
  for (const a of DEMO_ASSETS) {
    const zoneId = zoneIdByKind.get(a.zone);
    if (!zoneId) continue;
    const id = newId();
    ids.push(id);
    await insertAsset(trx, {
      id,
      site_id: siteId,
      zone_id: zoneId,
      category: a.category,
      name_zh: a.zh,
      name_en: a.en,
      model: a.model,
      location_note: a.where,
      installed_on: '2025-09-01',
      code: newAssetCode(),
      code_revoked_at: null,
      retired_at: null,
      created_at: now,
      updated_at: now,
    });
  }
  const schedules = [
    { asset: ids[0], title: '清洗空调滤网', everyDays: 30, due: today },
    { asset: ids[5], title: '灭火器压力检查', everyDays: 30, due: addDays(today, 6) },
    { asset: ids[6], title: '更换滤芯', everyDays: 90, due: addDays(today, -2) },
  ];
  for (const s of schedules) {
    if (!s.asset) continue;
    await insertSchedule(trx, {
      id: newId(),
      site_id: siteId,
      asset_id: s.asset,
      title: s.title,
      every_days: s.everyDays,
      next_due_on: s.due,
      last_done_at: null,
      last_done_by: null,
      last_note: null,
      created_at: now,
    });
  }
}
