/**
 * How many guests are on a site right now. The shifts' clock-out guard (待客人离开后下班) reads
 * it through this one interface; the visits module answers it from its open visits.
 */
export interface GuestPresence {
  countGuestsOnSite(siteId: string): Promise<number>;
}
