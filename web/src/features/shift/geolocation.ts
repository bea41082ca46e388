/** Where the phone is, if the browser tells us within `timeoutMs`; a clock-in never waits longer. */
export interface Location {
  lat: number;
  lng: number;
  accuracyM?: number;
}

export async function locate(timeoutMs = 3_000): Promise<Location | undefined> {
  if (!('geolocation' in navigator)) return undefined;
  try {
    const permission = await navigator.permissions?.query({ name: 'geolocation' });
    if (permission?.state === 'denied') return undefined;
  } catch {
    /* no Permissions API: just ask */
  }
  return new Promise((resolve) => {
    // The browser's own timeout does not count the time a permission prompt stays open.
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        clearTimeout(timer);
        const { latitude, longitude, accuracy } = position.coords;
        resolve({ lat: latitude, lng: longitude, ...(Number.isFinite(accuracy) ? { accuracyM: Math.round(accuracy) } : {}) });
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
