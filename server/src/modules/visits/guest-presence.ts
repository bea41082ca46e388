/**
 * How many guests are on a site right now. The shifts' clock-out guard (待客人离开后下班) reads
 * it through this one interface. The visit module (the visitor journey) will supply the real
 * count from its open visits; until it lands no visit is recorded anywhere, so the honest
 * answer is zero, and buildApp accepts another implementation (tests pass one).
 */
export interface GuestPresence {
  countGuestsOnSite(siteId: string): Promise<number>;
}

export const noVisitsRecorded: GuestPresence = { countGuestsOnSite: () => Promise.resolve(0) };
