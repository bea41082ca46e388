import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { MeSite, RealtimeEvent } from '@anchang/contracts';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';

const shown = new Set<string>();

/**
 * 新客到访: guests handed to my post (site room) or to me by name (user room) toast and buzz on
 * whatever tab is open. Mounted once in the phone layout.
 */
export function VisitNotifier({ site, personId }: { site: MeSite; personId: string }) {
  const { t } = useTranslation();
  useRealtimeEvent((event) => {
    if (event.type === 'drink.refill_prompt') {
      // HALL-DRINK-4: a prompt to the hall's phones to go and ask whether the table wants more.
      if (event.siteId !== site.id || !site.posts.some((p) => p.kind === 'HALL')) return;
      const prompt = event.payload as RealtimeEvent<'drink.refill_prompt'>['payload'];
      if (shown.has(`refill:${prompt.orderId}`)) return;
      shown.add(`refill:${prompt.orderId}`);
      navigator.vibrate?.([200, 80, 200]);
      Toast.show({
        content: t('visits.hall.refillPrompt', { table: prompt.tableName ?? t('visits.hall.noTable') }),
        position: 'top',
        duration: 5000,
      });
      return;
    }
    if (event.type !== 'visit.handoff') return;
    if (event.siteId !== null && event.siteId !== site.id) return;
    const payload = event.payload as RealtimeEvent<'visit.handoff'>['payload'];
    // A hand-off to me by name comes through both rooms: one toast. Rung again (nobody took it
    // within the site's limit) or passed on to the next consultant in turn: a new toast.
    const key = `${payload.handoffId}:${payload.ring ?? 0}:${payload.toPersonId ?? ''}`;
    if (shown.has(key)) return;
    shown.add(key);
    const isForMe = payload.toPersonId ? payload.toPersonId === personId : site.posts.some((p) => p.kind === payload.toPostKind);
    if (!isForMe) return;
    const isRerung = payload.ring === 2;
    // The sound and vibration come from the attention notifier, under this phone's switch.
    Toast.show({
      content: t(isRerung ? 'visits.toastRerung' : payload.to === 'departure' ? 'visits.toastDeparture' : 'visits.toastIncoming', {
        count: payload.partySize,
        from: payload.fromName,
      }),
      position: 'top',
      duration: 3000,
    });
  });
  return null;
}
