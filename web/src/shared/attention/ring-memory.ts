/** Calls already rung on this phone (a call may arrive in two rooms; a phone's own write must not ring it). */
const rung = new Set<string>();

/** True the first time a key is seen. */
export function markRung(key: string): boolean {
  if (rung.has(key)) return false;
  rung.add(key);
  return true;
}

/** Marks a call as already rung: e.g. the handover this phone just wrote. */
export function suppressRing(key: string): void {
  rung.add(key);
}
