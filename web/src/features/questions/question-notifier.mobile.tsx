import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { MeSite, RealtimeEvent } from '@anchang/contracts';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';

const rung = new Set<string>();

/**
 * GUARD-IN-7 on the phones: a question for me (or for every consultant) rings a consultant's
 * phone on whatever tab is open; its answer tells the person who asked. Mounted once in the layout.
 */
export function QuestionNotifier({ site, personId }: { site: MeSite; personId: string }) {
  const { t } = useTranslation();
  useRealtimeEvent((event) => {
    if (event.siteId !== site.id) return;
    if (event.type === 'question.asked') {
      const payload = event.payload as RealtimeEvent<'question.asked'>['payload'];
      const isForMe = site.role === 'sales_consultant' && (payload.toPersonId === null || payload.toPersonId === personId);
      if (!isForMe || rung.has(`asked:${payload.questionId}`)) return;
      rung.add(`asked:${payload.questionId}`);
      navigator.vibrate?.([200, 80, 200, 80, 200]);
      Toast.show({ content: t('questions.ring'), position: 'top', duration: 4000 });
    } else if (event.type === 'question.answered') {
      const payload = event.payload as RealtimeEvent<'question.answered'>['payload'];
      if (payload.askedBy !== personId || rung.has(`answered:${payload.questionId}`)) return;
      rung.add(`answered:${payload.questionId}`);
      navigator.vibrate?.([120, 60, 120]);
      Toast.show({ content: t('questions.answeredToast'), position: 'top', duration: 3000 });
    }
  });
  return null;
}
