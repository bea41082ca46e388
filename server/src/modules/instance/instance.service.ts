/**
 * The installation itself: whether it still needs its first-run setup, whether it holds the demo,
 * and the setup that creates the company, its first site and its first company admin. The HTTP
 * route (/setup in the console) and `npm run setup` both run `runFirstSetup`.
 */
import type { InstanceInfo, SetupBody } from '@anchang/contracts';
import { isUniqueViolation } from '../../db/create-db.js';
import { assertStrongPassword, hashPassword } from '../../platform/auth/password.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { insertPerson } from '../people/index.js';
import { assertTimeZone, DEFAULT_OPENING_HOURS, insertSiteRow } from '../sites/index.js';
import { claimFirstRun, hasAnyCompany, hasDemoCompany, insertCompany } from './instance.repository.js';

export async function getInstanceInfo(deps: Pick<Deps, 'db'>): Promise<InstanceInfo> {
  const [anyCompany, demo] = await Promise.all([hasAnyCompany(deps.db), hasDemoCompany(deps.db)]);
  return { needsSetup: !anyCompany, demo };
}

const alreadyDone = () => new AppError('SETUP_ALREADY_DONE', { message: 'This installation is already set up; sign in instead' });

export interface FirstSetupResult {
  companyId: string;
  siteId: string;
  admin: { id: string; name: string; login: string };
}

/** Creates the company, its first site and its first company admin, once, on an empty database. */
export async function runFirstSetup(deps: Deps, input: SetupBody, requestId: string | null = null): Promise<FirstSetupResult> {
  // Cheap refusals first: a set-up installation never pays for a password hash.
  if (await hasAnyCompany(deps.db)) throw alreadyDone();
  const timeZone = input.timeZone || 'Asia/Shanghai';
  assertTimeZone(timeZone);
  assertStrongPassword(input.adminPassword);
  const passwordHash = await hashPassword(input.adminPassword);
  const companyId = newId();
  const siteId = newId();
  const adminId = newId();
  const login = input.adminLogin.toLowerCase();
  const name = input.adminName.trim();
  try {
    await inTransaction(deps, async (tx) => {
      if (await hasAnyCompany(tx.trx)) throw alreadyDone();
      await insertCompany(tx.trx, { id: companyId, name: input.companyName.trim(), created_at: tx.now });
      await claimFirstRun(tx.trx, companyId, tx.now);
      await insertSiteRow(tx.trx, {
        id: siteId,
        company_id: companyId,
        name: input.siteName.trim(),
        address: '',
        time_zone: timeZone,
        opening_hours: JSON.stringify(DEFAULT_OPENING_HOURS),
        created_at: tx.now,
        updated_at: tx.now,
      });
      await insertPerson(tx.trx, {
        id: adminId,
        company_id: companyId,
        login,
        name,
        phone: null,
        password_hash: passwordHash,
        locale: 'zh-CN',
        is_company_admin: 1,
        is_active: 1,
        created_at: tx.now,
        updated_at: tx.now,
      });
      await recordAudit(
        tx,
        { personId: adminId, name, companyId, requestId },
        { siteId: null, action: 'instance.setup', entityType: 'company', entityId: companyId, detail: { siteId, adminLogin: login } },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyDone();
    throw err;
  }
  return { companyId, siteId, admin: { id: adminId, name, login } };
}
