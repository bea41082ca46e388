import { useState, type ReactNode } from 'react';
import { Button, Input, Rate, Selector, TextArea, Toast } from 'antd-mobile';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_ASK_KINDS,
  HEARD_CHANNELS,
  INTENTION_LEVELS,
  MODEL_ROOM_TOPICS,
  type CustomerAskKind,
  type FeedbackForm,
  type FeedbackFormKind,
  type HeardChannel,
  type IntentionLevel,
  type MeSite,
  type ModelRoomFeedbackBody,
  type ModelRoomTopic,
  type ParkingFeedbackBody,
  type TopicView,
} from '@anchang/contracts';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { todayAt } from '../../shared/format/local-date';
import { useStaffSite } from '../../shared/site/staff-site';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { newId } from '../../shared/offline/new-id';
import { useMyDay } from '../shift/use-shift';
import { feedbackApi, useFeedbackForms, useFileForm } from './feedback-api';
import { formSummaryLine } from './feedback-format';
import { visitKeys, visitsApi } from '../visits/visits-api';
import styles from './feedback-forms.mobile.module.css';

/** 样板房客户反馈表 on the model-room guide's phone (MODEL-IN-10, MODEL-POST-3). */
export function ModelRoomFeedbackPage() {
  return <FormShell kind="model_room">{(site, onSent) => <ModelRoomForm site={site} onSent={onSent} />}</FormShell>;
}

/** 车场岗客户信息反馈表 on the car park's phone: what the customer told the post. */
export function ParkingFeedbackPage() {
  return <FormShell kind="parking">{(site, onSent) => <ParkingForm site={site} onSent={onSent} />}</FormShell>;
}

/** The page around either form: the title, the shift it counts for, the sent state and today's forms. */
function FormShell({ kind, children }: { kind: FeedbackFormKind; children: (site: MeSite, onSent: (form: FeedbackForm) => void) => ReactNode }) {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  const [sent, setSent] = useState<FeedbackForm | null>(null);
  // A new form gets a new key, so its fields (and its id) start afresh.
  const [round, setRound] = useState(0);
  return (
    <SubPage title={t(`customerFeedback.kinds.${kind}`)} roomBelow>
      {!site ? (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      ) : sent ? (
        <div className={styles.sent} data-testid="feedback-sent">
          <CheckCircleFill className={styles.sentIcon} />
          <div className={styles.sentTitle}>{t('customerFeedback.phone.sent')}</div>
          <div className={styles.hint}>{formatLocal(sent.createdAt, site.timeZone, 'HH:mm')}</div>
          <Button
            color="primary"
            block
            onClick={() => {
              setSent(null);
              setRound((r) => r + 1);
            }}
          >
            {t('customerFeedback.phone.another')}
          </Button>
        </div>
      ) : (
        <>
          <ShiftLine site={site} />
          <div key={round}>{children(site, setSent)}</div>
        </>
      )}
      {site ? <MineToday site={site} kind={kind} /> : null}
    </SubPage>
  );
}

/** The open shift, if any: the form is filed against it (its post and day). */
function useOpenShift(site: MeSite) {
  const myDay = useMyDay(site.id);
  return myDay.data?.openShift ?? null;
}

function ShiftLine({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const shift = useOpenShift(site);
  return (
    <div className={styles.shiftLine} data-testid="feedback-shift">
      {shift ? t('customerFeedback.phone.onShift', { post: shift.postName }) : t('customerFeedback.phone.noShift')}
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className={styles.field}>
      <span className={styles.label}>{label}</span>
      {children}
    </label>
  );
}

/** The visits still on site that this post could have met: one may be linked, or none. */
function VisitPicker({
  site,
  kind,
  value,
  onChange,
}: {
  site: MeSite;
  kind: FeedbackFormKind;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const visits = useQuery({
    queryKey: [...visitKeys.root(site.id), 'feedback-picker'],
    queryFn: () => visitsApi.list(site.id, { status: 'open', limit: 20 }),
  });
  const candidates = (visits.data?.items ?? []).filter((v) => (kind === 'parking' ? v.arrivalMode === 'car' : true)).slice(0, 8);
  if (!candidates.length) return null;
  return (
    <div className={styles.block}>
      <div className={styles.label}>{t('customerFeedback.phone.visit')}</div>
      <Selector
        columns={1}
        value={value ? [value] : []}
        onChange={(v) => onChange(v[0] ?? null)}
        options={candidates.map((v) => ({
          value: v.id,
          label: [
            v.plateMasked,
            t('customerFeedback.phone.visitLabel', { time: formatLocal(v.arrivedAt, site.timeZone, 'HH:mm'), count: v.partySize }),
          ]
            .filter(Boolean)
            .join(' · '),
        }))}
      />
    </div>
  );
}

function RatingField({ topic, view, onChange }: { topic: ModelRoomTopic; view: TopicView; onChange: (view: TopicView) => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.topic} data-testid={`topic-${topic}`}>
      <div className={styles.topicHead}>
        <span className={styles.topicName}>{t(`customerFeedback.topics.${topic}`)}</span>
        <span className={styles.topicHint}>{t(`customerFeedback.topicHints.${topic}`)}</span>
      </div>
      <div className={styles.rateRow}>
        <Rate
          allowClear
          value={view.rating ?? 0}
          onChange={(value) => onChange({ ...view, rating: value > 0 ? value : null })}
          aria-label={t(`customerFeedback.topics.${topic}`)}
        />
        {view.rating ? (
          <span className={styles.rateWord}>{t(`customerFeedback.ratings.${String(view.rating) as '1' | '2' | '3' | '4' | '5'}`)}</span>
        ) : (
          <span className={styles.rateNone}>{t('customerFeedback.console.noRating')}</span>
        )}
      </div>
      <Input
        className={styles.input}
        value={view.note}
        maxLength={500}
        placeholder={t('customerFeedback.phone.notePlaceholder')}
        onChange={(note) => onChange({ ...view, note })}
      />
    </div>
  );
}

const EMPTY_VIEW: TopicView = { rating: null, note: '' };

function ModelRoomForm({ site, onSent }: { site: MeSite; onSent: (form: FeedbackForm) => void }) {
  const { t } = useTranslation();
  const shift = useOpenShift(site);
  const [id] = useState(newId);
  const [customerRef, setCustomerRef] = useState('');
  const [unitType, setUnitType] = useState('');
  const [views, setViews] = useState<Record<ModelRoomTopic, TopicView>>({
    modelRoom: EMPTY_VIEW,
    unit: EMPTY_VIEW,
    price: EMPTY_VIEW,
    service: EMPTY_VIEW,
  });
  const [intention, setIntention] = useState<IntentionLevel>('unknown');
  const [notes, setNotes] = useState('');
  const [visitId, setVisitId] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const file = useFileForm<ModelRoomFeedbackBody>(site.id, feedbackApi.fileModelRoom);
  const hasView = MODEL_ROOM_TOPICS.some((topic) => views[topic].rating !== null || views[topic].note.trim() !== '');

  const submit = () => {
    if (!hasView) {
      setShowErrors(true);
      return;
    }
    file.mutate(
      {
        id,
        ...(shift ? { shiftId: shift.id } : {}),
        ...(visitId ? { visitId } : {}),
        customerRef,
        unitType,
        views,
        intention,
        notes,
      },
      { onSuccess: onSent, onError: (err) => Toast.show({ icon: 'fail', content: describeError(err) }) },
    );
  };

  return (
    <>
      <VisitPicker site={site} kind="model_room" value={visitId} onChange={setVisitId} />
      <div className={styles.block}>
        <Field label={t('customerFeedback.phone.customerRef')}>
          <Input
            className={styles.input}
            value={customerRef}
            maxLength={40}
            placeholder={t('customerFeedback.phone.customerRefPlaceholder')}
            onChange={setCustomerRef}
          />
        </Field>
        <Field label={t('customerFeedback.phone.unitType')}>
          <Input
            className={styles.input}
            value={unitType}
            maxLength={60}
            placeholder={t('customerFeedback.phone.unitTypePlaceholder')}
            onChange={setUnitType}
          />
        </Field>
      </div>
      <div className={styles.block}>
        <div className={styles.blockTitle}>{t('customerFeedback.phone.views')}</div>
        {MODEL_ROOM_TOPICS.map((topic) => (
          <RatingField key={topic} topic={topic} view={views[topic]} onChange={(view) => setViews((v) => ({ ...v, [topic]: view }))} />
        ))}
        {showErrors && !hasView ? (
          <div className={styles.error} role="alert">
            {t('customerFeedback.phone.needOneView')}
          </div>
        ) : null}
      </div>
      <div className={styles.block}>
        <div className={styles.label}>{t('customerFeedback.phone.intention')}</div>
        <Selector
          columns={2}
          value={[intention]}
          onChange={(v) => v[0] && setIntention(v[0])}
          options={INTENTION_LEVELS.map((level) => ({ value: level, label: t(`customerFeedback.intentions.${level}`) }))}
        />
        <Field label={t('customerFeedback.phone.notes')}>
          <TextArea
            className={styles.input}
            value={notes}
            maxLength={1000}
            rows={3}
            placeholder={t('customerFeedback.phone.notesPlaceholder')}
            onChange={setNotes}
          />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button block color="primary" size="large" loading={file.isPending} onClick={submit} data-testid="feedback-submit">
          {t('customerFeedback.phone.submit')}
        </Button>
      </div>
    </>
  );
}

function ParkingForm({ site, onSent }: { site: MeSite; onSent: (form: FeedbackForm) => void }) {
  const { t } = useTranslation();
  const shift = useOpenShift(site);
  const [id] = useState(newId);
  const [origin, setOrigin] = useState('');
  const [channel, setChannel] = useState<HeardChannel | null>(null);
  const [plate, setPlate] = useState('');
  const [partySize, setPartySize] = useState(1);
  const [askKind, setAskKind] = useState<CustomerAskKind>('none');
  const [askText, setAskText] = useState('');
  const [remarks, setRemarks] = useState('');
  const [visitId, setVisitId] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const file = useFileForm<ParkingFeedbackBody>(site.id, feedbackApi.fileParking);
  const needsAskText = askKind !== 'none' && askText.trim() === '';

  const submit = () => {
    if (!channel || needsAskText) {
      setShowErrors(true);
      return;
    }
    file.mutate(
      {
        id,
        ...(shift ? { shiftId: shift.id } : {}),
        ...(visitId ? { visitId } : {}),
        origin,
        channel,
        ...(plate.trim() ? { plate: plate.trim() } : {}),
        partySize,
        askKind,
        askText: askKind === 'none' ? '' : askText,
        remarks,
      },
      { onSuccess: onSent, onError: (err) => Toast.show({ icon: 'fail', content: describeError(err) }) },
    );
  };

  return (
    <>
      <VisitPicker site={site} kind="parking" value={visitId} onChange={setVisitId} />
      <div className={styles.block}>
        <Field label={t('customerFeedback.phone.origin')}>
          <Input
            className={styles.input}
            value={origin}
            maxLength={60}
            placeholder={t('customerFeedback.phone.originPlaceholder')}
            onChange={setOrigin}
          />
        </Field>
        <div className={styles.label}>{t('customerFeedback.phone.channel')}</div>
        <Selector
          columns={3}
          value={channel ? [channel] : []}
          onChange={(v) => setChannel(v[0] ?? null)}
          options={HEARD_CHANNELS.map((c) => ({ value: c, label: t(`customerFeedback.channels.${c}`) }))}
        />
        {showErrors && !channel ? (
          <div className={styles.error} role="alert">
            {t('customerFeedback.phone.needChannel')}
          </div>
        ) : null}
      </div>
      <div className={styles.block}>
        <Field label={t('customerFeedback.phone.plate')}>
          <Input
            className={styles.input}
            value={plate}
            maxLength={10}
            placeholder={t('customerFeedback.phone.platePlaceholder')}
            onChange={(v) => setPlate(v.toUpperCase())}
          />
        </Field>
        <div className={styles.field}>
          <span className={styles.label}>{t('customerFeedback.phone.partySize')}</span>
          <LabelledStepper label={t('customerFeedback.phone.partySize')} min={1} max={50} value={partySize} onChange={(v) => setPartySize(v ?? 1)} />
        </div>
      </div>
      <div className={styles.block}>
        <div className={styles.label}>{t('customerFeedback.phone.ask')}</div>
        <Selector
          columns={3}
          value={[askKind]}
          onChange={(v) => v[0] && setAskKind(v[0])}
          options={CUSTOMER_ASK_KINDS.map((k) => ({ value: k, label: t(`customerFeedback.askKinds.${k}`) }))}
        />
        {askKind !== 'none' ? (
          <Field label={t('customerFeedback.phone.askText')}>
            <TextArea
              className={styles.input}
              value={askText}
              maxLength={500}
              rows={2}
              placeholder={t('customerFeedback.phone.askTextPlaceholder')}
              onChange={setAskText}
            />
          </Field>
        ) : null}
        {showErrors && needsAskText ? (
          <div className={styles.error} role="alert">
            {t('customerFeedback.phone.needAskText')}
          </div>
        ) : null}
        <Field label={t('customerFeedback.phone.remarks')}>
          <TextArea
            className={styles.input}
            value={remarks}
            maxLength={1000}
            rows={3}
            placeholder={t('customerFeedback.phone.remarksPlaceholder')}
            onChange={setRemarks}
          />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button block color="primary" size="large" loading={file.isPending} onClick={submit} data-testid="feedback-submit">
          {t('customerFeedback.phone.submit')}
        </Button>
      </div>
    </>
  );
}

/** What I filed today of this form, so a guide sees the form went in. */
function MineToday({ site, kind }: { site: MeSite; kind: FeedbackFormKind }) {
  const { t } = useTranslation();
  const today = todayAt(site.timeZone);
  const forms = useFeedbackForms(site.id, { kind, from: today }, 50);
  const items = forms.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className={styles.block} data-testid="feedback-mine">
      <div className={styles.blockTitle}>
        {t('customerFeedback.phone.todayMine')} · {items.length}
      </div>
      {forms.isError ? <div className={styles.error}>{describeError(forms.error)}</div> : null}
      {forms.isSuccess && !items.length ? <div className={styles.hint}>{t('customerFeedback.phone.noneToday')}</div> : null}
      {items.map((f) => (
        <div key={f.id} className={styles.mineItem}>
          <span>{formSummaryLine(f, t)}</span>
          <span className={styles.mineMeta}>{formatLocal(f.createdAt, site.timeZone, 'HH:mm')}</span>
        </div>
      ))}
    </div>
  );
}
