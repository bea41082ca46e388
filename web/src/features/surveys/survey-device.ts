const DEVICE_KEY = 'anchang.survey.device';

/** The phone's own id for the per-device limits: kept in its storage, random, nothing personal. */
export function deviceId(): string {
  try {
    const kept = localStorage.getItem(DEVICE_KEY);
    if (kept) return kept;
    const made = crypto.randomUUID().replace(/-/g, '');
    localStorage.setItem(DEVICE_KEY, made);
    return made;
  } catch {
    // Private browsing without storage: a fresh id per page, still counted per address.
    return crypto.randomUUID().replace(/-/g, '');
  }
}
