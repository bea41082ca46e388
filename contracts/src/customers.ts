/**
 * Customers' personal information (PIPL, 个人信息保护法): a site keeps a customer's phone
 * number and name only with their consent, and their car's plate, their signature on the
 * vehicle check and the check's photos only for the site's retention period. The site's
 * managers find a customer by phone, export everything held about them, record a withdrawal of
 * consent, or erase them; visitor figures stay as they were (visits are kept, anonymous).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './api.js';
import { Signature } from './site-care.js';

export const Customer = Type.Object({
  id: Id,
  siteId: Id,
  phoneMasked: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  consentAt: Instant,
  consentWithdrawnAt: Type.Union([Instant, Type.Null()]),
  firstSeenAt: Instant,
  lastVisitAt: Instant,
  visitCount: Type.Integer(),
});
export type Customer = Static<typeof Customer>;

export const CustomerParams = Type.Object({ siteId: Id, customerId: Id });
export const CustomerListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** The whole number, or its last 4 or more digits. */
    phone: Type.Optional(Type.String({ pattern: '^[0-9]{4,11}$' })),
  },
  { additionalProperties: false },
);
export type CustomerListQuery = Static<typeof CustomerListQuery>;

/** Everything the site holds about one customer, unmasked: the answer to their access request. */
export const CustomerExport = Type.Object({
  exportedAt: Instant,
  site: Type.Object({ id: Id, name: Type.String() }),
  customer: Type.Object({
    id: Id,
    phone: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    consentAt: Instant,
    consentWithdrawnAt: Type.Union([Instant, Type.Null()]),
    firstSeenAt: Instant,
    lastVisitAt: Instant,
    visitCount: Type.Integer(),
  }),
  visits: Type.Array(
    Type.Object({
      id: Id,
      arrivedAt: Instant,
      closedAt: Type.Union([Instant, Type.Null()]),
      partySize: Type.Integer(),
      arrivalMode: Type.String(),
      plate: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  vehicleChecks: Type.Array(
    Type.Object({
      visitId: Id,
      signedAt: Instant,
      notes: Type.String(),
      damageMarks: Type.Integer(),
      photoIds: Type.Array(Id),
      signature: Signature,
    }),
  ),
  lostItemsReturned: Type.Array(
    Type.Object({
      id: Id,
      what: Type.String(),
      returnedAt: Type.Union([Instant, Type.Null()]),
      returnedTo: Type.Union([Type.String(), Type.Null()]),
      hasSignature: Type.Boolean(),
    }),
  ),
});
export type CustomerExport = Static<typeof CustomerExport>;

/** What an erasure removed; the visits themselves stay, without anything naming the customer. */
export const CustomerErasure = Type.Object({
  customerId: Id,
  visitsAnonymised: Type.Integer(),
  vehicleChecksErased: Type.Integer(),
  photosDeleted: Type.Integer(),
  lostItemsErased: Type.Integer(),
  /** Questions for sales asked on the customer's visits, their words blanked. */
  questionsBlanked: Type.Integer(),
});
export type CustomerErasure = Static<typeof CustomerErasure>;
