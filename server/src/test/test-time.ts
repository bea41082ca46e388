/**
 * Where every integration test's clock starts unless it says otherwise: Wednesday 2 December 2026,
 * 10:00 in Asia/Shanghai (the factories' sites): mid-morning of a working day, inside opening hours,
 * far from a day's, week's or month's edge. Nothing in a test reads the machine's time for what it
 * asserts, so a test passes the same at 23:58 on the last day of a month.
 */
export const TEST_NOW = Date.UTC(2026, 11, 2, 2, 0);
