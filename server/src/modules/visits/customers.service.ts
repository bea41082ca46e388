/**
 * Customers' personal information (PIPL) at one site: find a customer by phone (masked in
 * lists), export everything held about them (JSON or .xlsx), record that they withdrew their
 * consent, erase them. Only the site's managers and the company admin; every step audited.
 * Erasing keeps the visits (party size, times, stages) so the site's visitor figures do not
 * move, but nothing on them names the customer any more.
 */
import {
  ROLE_GROUPS,
  type Customer,
  type CustomerErasure,
  type CustomerExport,
  type CustomerListQuery,
  type Locale,
  type PageOf,
  type Signature,
} from '@anchang/contracts';
import type { CustomersTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { eraseReturnOwners, listReturnsToPhone } from '../lost-found/index.js';
import { maskPhone } from '../people/index.js';
import { deleteUncitedPhotos } from '../photos/index.js';
import { blankQuestionTexts } from '../questions/index.js';
import { findSiteRow } from '../sites/index.js';
import {
  anonymiseVisitsOf,
  deleteCustomerRow,
  deleteVehicleChecks,
  findCustomerRow,
  listCustomerRows,
  listVehicleChecksOf,
  listVisitsOfCustomer,
  withdrawConsentRow,
} from './customers.repository.js';

/** Who answers a customer's requests: the site's managers and the company admin. */
export const CUSTOMER_DATA_KEEPERS = ROLE_GROUPS.customerDataKeepers;

function toCustomer(r: CustomersTable): Customer {
  return {
    id: r.id,
    siteId: r.site_id,
    phoneMasked: maskPhone(r.phone) ?? '',
    name: r.name,
    consentAt: r.consent_at,
    consentWithdrawnAt: r.consent_withdrawn_at,
    firstSeenAt: r.first_seen_at,
    lastVisitAt: r.last_visit_at,
    visitCount: r.visit_count,
  };
}

async function loadCustomer(deps: Pick<Deps, 'db'>, siteId: string, customerId: string): Promise<CustomersTable> {
  const row = await findCustomerRow(deps.db, siteId, customerId);
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND', { params: { customerId } });
  return row;
}

export async function listCustomers(deps: Deps, actor: Actor, siteId: string, query: CustomerListQuery): Promise<PageOf<Customer>> {
  requireSiteRole(actor, siteId, CUSTOMER_DATA_KEEPERS);
  const page = pageRequest(query);
  return toPage(await listCustomerRows(deps.db, siteId, page, query.phone), page, toCustomer);
}

export async function getCustomer(deps: Deps, actor: Actor, siteId: string, customerId: string): Promise<Customer> {
  requireSiteRole(actor, siteId, CUSTOMER_DATA_KEEPERS);
  return toCustomer(await loadCustomer(deps, siteId, customerId));
}

/** Everything held about the customer at this site, unmasked, and the export audited. */
export async function exportCustomer(deps: Deps, actor: Actor, siteId: string, customerId: string, format: 'json' | 'xlsx'): Promise<CustomerExport> {
  requireSiteRole(actor, siteId, CUSTOMER_DATA_KEEPERS);
  const customer = await loadCustomer(deps, siteId, customerId);
  const site = await findSiteRow(deps.db, siteId);
  const visits = await listVisitsOfCustomer(deps.db, siteId, customerId);
  const [checks, returns] = await Promise.all([
    listVehicleChecksOf(
      deps.db,
      siteId,
      visits.map((v) => v.id),
    ),
    listReturnsToPhone(deps.db, siteId, customer.phone),
  ]);
  const data: CustomerExport = {
    exportedAt: deps.clock.now(),
    site: { id: siteId, name: site?.name ?? '' },
    customer: {
      id: customer.id,
      phone: customer.phone,
      name: customer.name,
      consentAt: customer.consent_at,
      consentWithdrawnAt: customer.consent_withdrawn_at,
      firstSeenAt: customer.first_seen_at,
      lastVisitAt: customer.last_visit_at,
      visitCount: customer.visit_count,
    },
    visits: visits.map((v) => ({
      id: v.id,
      arrivedAt: v.arrived_at,
      closedAt: v.closed_at,
      partySize: v.party_size,
      arrivalMode: v.arrival_mode,
      plate: v.plate,
    })),
    vehicleChecks: checks.map((c) => ({
      visitId: c.visit_id,
      signedAt: c.signed_at,
      notes: c.notes,
      damageMarks: (JSON.parse(c.marks) as unknown[]).length,
      photoIds: JSON.parse(c.photo_ids) as string[],
      signature: JSON.parse(c.signature) as Signature,
    })),
    lostItemsReturned: returns.map((r) => ({
      id: r.id,
      what: r.what,
      returnedAt: r.returned_at,
      returnedTo: r.returned_to,
      hasSignature: r.return_signature !== null,
    })),
  };
  await inTransaction(deps, (tx) =>
    recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'customer.export',
      entityType: 'customer',
      entityId: customerId,
      detail: { format, phone: maskPhone(customer.phone), visits: visits.length },
    }),
  );
  return data;
}

/** Every word the customer workbook writes, in one language: a reader gets their own only. */
const CUSTOMER_WORKBOOK_WORDS = {
  'zh-CN': {
    sheets: { customer: '客户', visits: '到访', checks: '验车', returns: '失物领取' },
    field: '项目',
    value: '内容',
    site: '案场',
    phone: '手机号',
    name: '姓名',
    consentAt: '同意时间',
    consentWithdrawnAt: '撤回同意',
    firstSeenAt: '首次到访',
    lastVisitAt: '最近到访',
    visitCount: '到访次数',
    exportedAt: '导出时间',
    arrived: '到达',
    left: '离开',
    party: '人数',
    mode: '方式',
    modes: { car: '驾车', walk_in: '步行' } as Record<string, string>,
    plate: '车牌',
    signedAt: '签字时间',
    notes: '备注',
    damageMarks: '损伤标记',
    photos: '照片',
    strokes: '签名笔画',
    item: '物品',
    returnedAt: '领取时间',
    returnedTo: '领取人',
    signed: '签名',
    yes: '是',
    no: '否',
    filename: '客户信息',
  },
  'en-US': {
    sheets: { customer: 'Customer', visits: 'Visits', checks: 'Vehicle checks', returns: 'Lost items' },
    field: 'Field',
    value: 'Value',
    site: 'Site',
    phone: 'Phone',
    name: 'Name',
    consentAt: 'Consent given',
    consentWithdrawnAt: 'Consent withdrawn',
    firstSeenAt: 'First seen',
    lastVisitAt: 'Last visit',
    visitCount: 'Visits',
    exportedAt: 'Exported',
    arrived: 'Arrived',
    left: 'Left',
    party: 'Party',
    mode: 'Arrival',
    modes: { car: 'By car', walk_in: 'On foot' } as Record<string, string>,
    plate: 'Plate',
    signedAt: 'Signed',
    notes: 'Notes',
    damageMarks: 'Damage marks',
    photos: 'Photos',
    strokes: 'Signature strokes',
    item: 'Item',
    returnedAt: 'Returned',
    returnedTo: 'Returned to',
    signed: 'Signed',
    yes: 'yes',
    no: 'no',
    filename: 'customer',
  },
} satisfies Record<Locale, unknown>;

/** The export as a workbook: one sheet per kind of record, in the reader's language. */
export async function exportCustomerWorkbook(
  deps: Deps,
  actor: Actor,
  siteId: string,
  customerId: string,
  locale: Locale,
): Promise<{ filename: string; bytes: Buffer }> {
  const data = await exportCustomer(deps, actor, siteId, customerId, 'xlsx');
  const w = CUSTOMER_WORKBOOK_WORDS[locale];
  const site = await findSiteRow(deps.db, siteId);
  const timeZone = site?.time_zone ?? 'Asia/Shanghai';
  const at = (ms: number | null) => {
    if (ms === null) return '';
    const p = localParts(ms, timeZone);
    return `${p.date} ${p.time}`;
  };
  // exceljs weighs ~30 MB in memory: loaded on the first export, not at start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anchang';
  const c = data.customer;
  const about = wb.addWorksheet(w.sheets.customer);
  about.columns = [
    { header: w.field, width: 28 },
    { header: w.value, width: 40 },
  ];
  about.addRows([
    [w.site, data.site.name],
    [w.phone, c.phone],
    [w.name, c.name ?? ''],
    [w.consentAt, at(c.consentAt)],
    [w.consentWithdrawnAt, at(c.consentWithdrawnAt)],
    [w.firstSeenAt, at(c.firstSeenAt)],
    [w.lastVisitAt, at(c.lastVisitAt)],
    [w.visitCount, c.visitCount],
    [w.exportedAt, at(data.exportedAt)],
  ]);
  const visits = wb.addWorksheet(w.sheets.visits);
  visits.columns = [
    { header: w.arrived, width: 20 },
    { header: w.left, width: 20 },
    { header: w.party, width: 10 },
    { header: w.mode, width: 10 },
    { header: w.plate, width: 14 },
  ];
  for (const v of data.visits) visits.addRow([at(v.arrivedAt), at(v.closedAt), v.partySize, w.modes[v.arrivalMode] ?? v.arrivalMode, v.plate ?? '']);
  const checks = wb.addWorksheet(w.sheets.checks);
  checks.columns = [
    { header: w.signedAt, width: 20 },
    { header: w.notes, width: 40 },
    { header: w.damageMarks, width: 16 },
    { header: w.photos, width: 10 },
    { header: w.strokes, width: 18 },
  ];
  for (const v of data.vehicleChecks) checks.addRow([at(v.signedAt), v.notes, v.damageMarks, v.photoIds.length, v.signature.strokes.length]);
  const returns = wb.addWorksheet(w.sheets.returns);
  returns.columns = [
    { header: w.item, width: 24 },
    { header: w.returnedAt, width: 20 },
    { header: w.returnedTo, width: 16 },
    { header: w.signed, width: 10 },
  ];
  for (const r of data.lostItemsReturned) returns.addRow([r.what, at(r.returnedAt), r.returnedTo ?? '', r.hasSignature ? w.yes : w.no]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${w.filename}-${maskPhone(c.phone) ?? c.id}.xlsx`, bytes };
}

/** The customer withdrew consent: no longer recognised or named, and erased by the next daily purge. */
export async function withdrawConsent(deps: Deps, actor: Actor, siteId: string, customerId: string): Promise<Customer> {
  requireSiteRole(actor, siteId, CUSTOMER_DATA_KEEPERS);
  const customer = await loadCustomer(deps, siteId, customerId);
  if (customer.consent_withdrawn_at !== null) return toCustomer(customer);
  return inTransaction(deps, async (tx) => {
    await withdrawConsentRow(tx.trx, customerId, tx.now);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'customer.consent_withdrawn',
      entityType: 'customer',
      entityId: customerId,
      detail: { phone: maskPhone(customer.phone) },
    });
    return toCustomer({ ...customer, consent_withdrawn_at: tx.now });
  });
}

/**
 * Erases one customer inside the caller's transaction: their name and phone (the row), the
 * plates of their visits, their signed vehicle checks with the photos, and who they were on the
 * lost items handed back to them. The visits stay, anonymous.
 */
export async function eraseCustomerData(tx: Tx, by: ActorRef, customer: CustomersTable, reason: 'request' | 'withdrawn'): Promise<CustomerErasure> {
  const siteId = customer.site_id;
  const visitIds = (await listVisitsOfCustomer(tx.trx, siteId, customer.id)).map((v) => v.id);
  const checks = await listVehicleChecksOf(tx.trx, siteId, visitIds);
  const vehicleChecksErased = await deleteVehicleChecks(tx.trx, siteId, visitIds);
  const photosDeleted = await deleteUncitedPhotos(
    tx.trx,
    siteId,
    checks.flatMap((c) => JSON.parse(c.photo_ids) as string[]),
  );
  const lostItemsErased = await eraseReturnOwners(
    tx.trx,
    siteId,
    (await listReturnsToPhone(tx.trx, siteId, customer.phone)).map((r) => r.id),
  );
  const questionsBlanked = await blankQuestionTexts(tx.trx, siteId, { visitIds });
  const visitsAnonymised = await anonymiseVisitsOf(tx.trx, siteId, customer.id);
  await deleteCustomerRow(tx.trx, siteId, customer.id);
  const erasure = { customerId: customer.id, visitsAnonymised, vehicleChecksErased, photosDeleted, lostItemsErased, questionsBlanked };
  // The audit keeps that it happened and how much, not who the customer was.
  await recordAudit(tx, by, { siteId, action: 'customer.erase', entityType: 'customer', entityId: customer.id, detail: { reason, ...erasure } });
  return erasure;
}

export async function eraseCustomer(deps: Deps, actor: Actor, siteId: string, customerId: string): Promise<CustomerErasure> {
  requireSiteRole(actor, siteId, CUSTOMER_DATA_KEEPERS);
  await loadCustomer(deps, siteId, customerId);
  return inTransaction(deps, async (tx) => {
    const customer = await findCustomerRow(tx.trx, siteId, customerId);
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', { params: { customerId } });
    return eraseCustomerData(tx, actorRef(actor), customer, 'request');
  });
}
