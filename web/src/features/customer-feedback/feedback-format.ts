import type { TFunction } from 'i18next';
import type { FeedbackForm } from '@anchang/contracts';

/**
 * One line for a form in a list: the customer and what stood out. `withChoices: false` leaves out
 * the intention and the request/complaint label, for lists that show them as tags beside the line.
 */
export function formSummaryLine(f: FeedbackForm, t: TFunction, { withChoices = true } = {}): string {
  if (f.modelRoom) {
    const m = f.modelRoom;
    return [m.customerRef, m.unitType, withChoices ? t(`customerFeedback.intentions.${m.intention}`) : null, m.notes].filter(Boolean).join(' · ');
  }
  const p = f.parking!;
  if (!withChoices) return [p.plateMasked, p.origin, t(`customerFeedback.channels.${p.channel}`), p.askText, p.remarks].filter(Boolean).join(' · ');
  return [
    p.plateMasked,
    p.origin,
    t(`customerFeedback.channels.${p.channel}`),
    p.askKind !== 'none' ? `${t(`customerFeedback.askKinds.${p.askKind}`)}: ${p.askText}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
