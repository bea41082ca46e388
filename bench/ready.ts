/** The line the bench server prints once it listens: shared by the server entry and its parent. */
export const READY_PREFIX = 'BENCH_READY ';
/** The line bench/proxy.ts prints once it listens. */
export const PROXY_READY_PREFIX = 'BENCH_PROXY_READY ';

export interface ReadyMessage {
  port: number;
  dialect: 'sqlite' | 'postgres';
  siteId: string;
  /** The visits scenario's sites (BENCH_SITES), in order: site i has the logins park-i, hall-i, model-i. */
  visitSiteIds?: string[];
}
