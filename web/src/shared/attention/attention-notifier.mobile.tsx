import { useEffect } from 'react';
import type { MeSite, Role } from '@anchang/contracts';
import { useMyDay } from '../../features/shift/use-shift';
import { useRealtimeEvent } from '../realtime/use-realtime';
import { ringFor } from './attention-rules';
import { isAttentionOn } from './attention-settings';
import { playChime, unlockAudioOnFirstTap, vibrate } from './chime';
import { markRung } from './ring-memory';
import { useScreenWakeLock } from './wake-lock';

const ROSTERED: readonly Role[] = ['site_manager', 'supervisor', 'staff'];

/**
 * Mounted once in the phone layout: rings (sound and vibration, if this phone's switch is on) for
 * the calls `ringFor` picks, and keeps the screen on while the person's shift is open.
 */
export function AttentionNotifier({ site, personId, name }: { site: MeSite; personId: string; name: string }) {
  useEffect(() => unlockAudioOnFirstTap(), []);
  useRealtimeEvent((event) => {
    const ring = ringFor(event, {
      siteId: site.id,
      personId,
      name,
      role: site.role,
      postIds: site.posts.map((p) => p.id),
      postKinds: site.posts.map((p) => p.kind),
    });
    if (!ring || !markRung(ring.key)) return;
    if (!isAttentionOn()) return;
    vibrate(ring.kind);
    playChime(ring.kind);
  });
  return ROSTERED.includes(site.role) ? <ShiftWakeLock siteId={site.id} /> : null;
}

function ShiftWakeLock({ siteId }: { siteId: string }) {
  const myDay = useMyDay(siteId);
  useScreenWakeLock(!!myDay.data?.openShift);
  return null;
}
