import { Type } from '@sinclair/typebox';
import { Customer, CustomerErasure, CustomerExport, CustomerListQuery, CustomerParams, LocaleSchema, Page, SiteParams } from '@anchang/contracts';
import { readerLocale } from '../../platform/http/reader-locale.js';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { eraseCustomer, exportCustomer, exportCustomerWorkbook, getCustomer, listCustomers, withdrawConsent } from './customers.service.js';
import { sendWorkbook } from '../../platform/http/workbook-reply.js';

/** Customers' personal information (PIPL): for the site's managers and the company admin. */
export function registerCustomerRoutes(app: App, deps: Deps): void {
  const tags = ['customers'];
  app.get(
    '/sites/:siteId/customers',
    {
      schema: {
        tags,
        summary: "The site's customers, phones masked; find one by its number or the number's last digits",
        params: SiteParams,
        querystring: CustomerListQuery,
        response: { 200: Page(Customer) },
      },
    },
    (req) => listCustomers(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/customers/:customerId',
    { schema: { summary: 'Read a customer', tags, params: CustomerParams, response: { 200: Customer } } },
    (req) => getCustomer(deps, req.actor, req.params.siteId, req.params.customerId),
  );
  app.get(
    '/sites/:siteId/customers/:customerId/export',
    {
      schema: {
        tags,
        summary: 'Everything the site holds about the customer, unmasked (audited)',
        params: CustomerParams,
        response: { 200: CustomerExport },
      },
    },
    (req) => exportCustomer(deps, req.actor, req.params.siteId, req.params.customerId, 'json'),
  );
  app.get(
    '/sites/:siteId/customers/:customerId/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The same export as an .xlsx workbook (audited)',
        params: CustomerParams,
        // `lang`: the reader's UI language for the workbook's words (else Accept-Language).
        querystring: Type.Object({ lang: Type.Optional(LocaleSchema) }, { additionalProperties: false }),
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const workbook = await exportCustomerWorkbook(
        deps,
        req.actor,
        req.params.siteId,
        req.params.customerId,
        readerLocale(req.query.lang, req.headers['accept-language']),
      );
      return sendWorkbook(reply, 'customer.xlsx', workbook);
    },
  );
  app.post(
    '/sites/:siteId/customers/:customerId/withdraw-consent',
    {
      schema: {
        tags,
        summary: 'The customer withdrew consent: no longer recognised; erased by the next daily purge',
        params: CustomerParams,
        response: { 200: Customer },
      },
    },
    (req) => withdrawConsent(deps, req.actor, req.params.siteId, req.params.customerId),
  );
  app.delete(
    '/sites/:siteId/customers/:customerId',
    {
      schema: {
        tags,
        summary: 'Erase the customer: name, phone, plates, signatures and their photos (visits stay, anonymous)',
        params: CustomerParams,
        response: { 200: CustomerErasure },
      },
    },
    (req) => eraseCustomer(deps, req.actor, req.params.siteId, req.params.customerId),
  );
}
