import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, ImageViewer, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { ExclamationCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { Phase, PostStandard, StandardItem } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { formatLocal } from '../../shared/format/time';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import type { OutboxItem } from '../../shared/offline/outbox';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { fillSitePlaceholders } from '../../shared/site/site-placeholders';
import { useStaffSite } from '../../shared/site/staff-site';
import {
  ANOMALY_CATEGORIES,
  draftProblems,
  itemsOfPhase,
  recordsOnTap,
  textIn,
  type AnomalyCategory,
  type DraftProblem,
  type ResultValue,
  type ResultView,
} from './shift-rules';
import type { ShiftActions } from './use-shift-actions';
import { usePhotoUrl } from './use-photo-url';
import { visitKeys, visitsApi } from '../visits/visits-api';
import styles from './shift.mobile.module.css';

const RESULTS: readonly ResultValue[] = ['ok', 'anomaly', 'na'];
/** 统计访客量: the car park's (PARK-POST-3) and the concierge's (GUARD-POST-3) count shown with the item. */
const COUNTED_ITEMS: ReadonlySet<string> = new Set(['PARK-POST-3', 'GUARD-POST-3']);
const RESULT_COLOR = { ok: 'success', anomaly: 'danger', na: 'default' } as const;

export interface ChecklistProps {
  siteId: string;
  timeZone: string;
  shiftId: string;
  phase: Exclude<Phase, 'IN'>;
  standard: PostStandard | null;
  isStandardLoading: boolean;
  results: ReadonlyMap<string, ResultView>;
  outbox: readonly OutboxItem[];
  actions: ShiftActions;
  readOnly?: boolean;
}

/** The items of one phase in the standard's order, each with 正常 / 异常 / 不适用. */
export function Checklist(props: ChecklistProps) {
  const { t } = useTranslation();
  if (!props.standard) {
    return props.isStandardLoading ? <MobileSpinner /> : <p className={styles.muted}>{t('shiftPhone.noStandard')}</p>;
  }
  const items = itemsOfPhase(props.standard.items, props.phase);
  if (!items.length) return <p className={styles.muted}>{t('shiftPhone.checklistEmpty')}</p>;
  return (
    <>
      {items.map((item, index) => (
        <ChecklistItem key={item.id} {...props} item={item} index={index + 1} view={props.results.get(item.id)} />
      ))}
    </>
  );
}

interface Draft {
  result: ResultValue;
  note: string;
  category: AnomalyCategory | null;
  photo: Blob | null;
  photoKey: string | null;
}

function ChecklistItem({
  siteId,
  timeZone,
  shiftId,
  item,
  index,
  view,
  outbox,
  actions,
  readOnly,
}: ChecklistProps & { item: StandardItem; index: number; view: ResultView | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { site } = useStaffSite();
  const itemText = fillSitePlaceholders(textIn(item.text, locale), site?.name);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [saving, setSaving] = useState(false);
  const photoUrl = usePhotoUrl(siteId, view?.photoId ?? null, outbox);
  const selected = draft?.result ?? view?.result ?? null;

  const record = async (input: Draft) => {
    setSaving(true);
    try {
      await actions.recordResult(shiftId, item, { result: input.result, note: input.note, category: input.category, photo: input.photo });
      setDraft(null);
      setShowProblems(false);
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setSaving(false);
    }
  };

  const openEditor = (result: ResultValue) => {
    setShowProblems(false);
    setDraft((d) => ({
      result,
      note: d?.note ?? (view?.result === result ? (view.note ?? '') : ''),
      category: d?.category ?? null,
      photo: d?.photo ?? null,
      photoKey: d?.photoKey ?? null,
    }));
  };

  const choose = (result: ResultValue) => {
    if (readOnly || saving) return;
    if (!draft && recordsOnTap(item, result)) {
      // One tap records it; tapping the result already recorded changes nothing.
      if (view?.result === result && view.status !== 'failed') return;
      void record({ result, note: '', category: null, photo: null, photoKey: null });
      return;
    }
    openEditor(result);
  };

  const problems: DraftProblem[] = draft ? draftProblems(item, { ...draft, hasPhoto: !!draft.photo }) : [];
  const submit = () => {
    if (!draft) return;
    if (problems.length) {
      setShowProblems(true);
      return;
    }
    void record(draft);
  };

  const noteRequired = !!draft && draft.result !== 'na' && (draft.result === 'anomaly' || item.requiresNote);
  const photoRequired = !!draft && draft.result !== 'na' && item.requiresPhoto;

  return (
    <section
      className={styles.item}
      data-testid="checklist-item"
      data-item-id={item.id}
      data-result={view?.result ?? ''}
      data-status={view?.status ?? ''}
    >
      <div className={styles.itemHead}>
        <span className={styles.itemIndex}>{index}</span>
        <div className={styles.itemText}>
          {itemText}
          {item.requiresPhoto || item.requiresNote || view ? (
            <div className={styles.itemTags}>
              {item.requiresPhoto ? <Tag fill="outline">{t('shiftPhone.requiresPhoto')}</Tag> : null}
              {item.requiresNote ? <Tag fill="outline">{t('shiftPhone.requiresNote')}</Tag> : null}
              {view ? <StatusTag status={view.status} /> : null}
            </div>
          ) : null}
          {COUNTED_ITEMS.has(item.id) ? <VisitorCountLine siteId={siteId} itemId={item.id} /> : null}
        </div>
      </div>

      <div className={styles.resultButtons} role="group" aria-label={itemText}>
        {RESULTS.map((result) => {
          const isOn = selected === result;
          return (
            <Button
              key={result}
              className={`${styles.resultButton} ${isOn && result === 'na' ? styles.resultNaOn : ''}`}
              color={RESULT_COLOR[result]}
              fill={isOn ? 'solid' : 'outline'}
              disabled={readOnly}
              loading={saving && draft === null && isOn}
              aria-pressed={isOn}
              onClick={() => choose(result)}
            >
              {t(`shiftPhone.result.${result}`)}
            </Button>
          );
        })}
      </div>

      {draft ? (
        <div className={styles.editor}>
          {draft.result === 'anomaly' ? (
            <div>
              <div className={`${styles.fieldLabel} ${styles.required}`}>{t('shiftPhone.category')}</div>
              <Selector
                columns={2}
                options={ANOMALY_CATEGORIES.map((c) => ({ label: t(`shiftPhone.categories.${c}`), value: c }))}
                value={draft.category ? [draft.category] : []}
                onChange={(values) => setDraft({ ...draft, category: values[0] ?? null })}
              />
            </div>
          ) : null}
          <div>
            <div className={`${styles.fieldLabel} ${noteRequired ? styles.required : ''}`}>{t('shiftPhone.note')}</div>
            <TextArea
              className={styles.textArea}
              placeholder={noteRequired ? t('shiftPhone.notePlaceholder') : t('shiftPhone.noteOptionalPlaceholder')}
              value={draft.note}
              onChange={(note) => setDraft({ ...draft, note })}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={1000}
            />
          </div>
          {draft.result !== 'na' ? (
            <div>
              <div className={`${styles.fieldLabel} ${photoRequired ? styles.required : ''}`}>{t('shiftPhone.photo')}</div>
              <PhotoCapture
                photo={draft.photo}
                photoKey={draft.photoKey}
                onChange={(photo) => setDraft({ ...draft, photo, photoKey: photo ? String(Date.now()) : null })}
              />
            </div>
          ) : null}
          {showProblems && problems.length ? (
            <div className={styles.problem} role="alert">
              {problems.map((p) => t(`shiftPhone.problems.${p}`)).join(' · ')}
            </div>
          ) : null}
          <div className={styles.editorButtons}>
            <Button onClick={() => setDraft(null)} disabled={saving}>
              {t('shiftPhone.cancelEdit')}
            </Button>
            <Button color="primary" onClick={submit} loading={saving}>
              {t('shiftPhone.submitResult')}
            </Button>
          </div>
        </div>
      ) : view ? (
        <div className={styles.summary}>
          {photoUrl ? <Thumb url={photoUrl} small /> : null}
          <div className={styles.summaryText}>
            {view.note ? <p className={styles.summaryNote}>{view.note}</p> : null}
            <div className={styles.summaryMeta}>
              <span>{t('shiftPhone.recordedAt', { time: formatLocal(view.recordedAt, timeZone, 'HH:mm') })}</span>
              {!readOnly && view.result !== 'na' ? (
                <button type="button" className={styles.link} onClick={() => openEditor(view.result)}>
                  {t('shiftPhone.editResult')}
                </button>
              ) : null}
            </div>
            {view.status === 'failed' && view.error ? (
              <div className={styles.itemError}>
                <ExclamationCircleFill /> {describeOutboxError(view.error)}
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}

export function StatusTag({ status }: { status: ResultView['status'] }) {
  const { t } = useTranslation();
  const color = status === 'saved' ? 'success' : status === 'waiting' ? 'warning' : 'danger';
  return (
    <Tag color={color} fill="outline" data-testid="result-status">
      {t(`shiftPhone.status.${status}`)}
    </Tag>
  );
}

export function Thumb({ url, small }: { url: string; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`${styles.thumb} ${small ? styles.thumbSmall : ''}`}
      style={{ padding: 0, border: 0 }}
      onClick={() => ImageViewer.show({ image: url })}
      aria-label={t('shiftPhone.photo')}
    >
      <img src={url} alt={t('shiftPhone.photo')} loading="lazy" />
    </button>
  );
}

/** Today's count beside 统计访客量: every visit for the car park, those the concierge received for GUARD. */
function VisitorCountLine({ siteId, itemId }: { siteId: string; itemId: string }) {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: visitKeys.counts(siteId), queryFn: () => visitsApi.counts(siteId) });
  if (!counts.data) return null;
  const c = counts.data;
  return (
    <div className={styles.countLine} data-testid="visitor-count-line">
      {itemId === 'GUARD-POST-3'
        ? t('shiftPhone.post.conciergeCount', { visits: c.concierge.visits, guests: c.concierge.guests })
        : t('shiftPhone.post.visitorCount', { visits: c.visitsToday, guests: c.guestsToday })}
    </div>
  );
}
