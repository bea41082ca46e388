import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Input, NavBar, Toast } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EquipmentCheck, EquipmentCheckKind, MaintenanceSchedule } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { useMe } from '../../shared/auth/use-auth';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../../shared/offline/new-id';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import type { EquipmentCheckOp } from '../equipment/outbox-kinds';
import { useSubmitEquipmentCheck, useWaitingEquipmentCheck } from '../equipment/use-equipment-check';
import { checkProblems, firstProblem, isReadyToSubmit, UNANSWERED, type CheckLineDraft } from './daily-check-rules';
import type { DraftPhoto } from './photo-picker.mobile';
import { assetName, equipmentApi, equipmentKeys, useAllAssets, useMaintenance, useRepairMutation } from './repairs-api';
import styles from './repairs.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';

/** TECH-1 before opening, TECH-2 after the shift: each asset ok or faulty; a fault becomes a work order. */
export function DailyCheckPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <div className={styles.page}>
      <NavBar className={styles.navBar} onBack={() => void navigate(-1)}>
        {t('equipment.phone.checksTitle')}
      </NavBar>
      {site ? (
        <>
          <Checks siteId={site.id} timeZone={site.timeZone} />
          <MaintenanceDue siteId={site.id} />
        </>
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      )}
    </div>
  );
}

function Checks({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<EquipmentCheckKind>(() => (new Date().getHours() < 13 ? 'opening' : 'closing'));
  const day = useQuery({ queryKey: equipmentKeys.checks(siteId), queryFn: () => equipmentApi.checks(siteId) });
  const assets = useAllAssets(siteId);
  const me = useMe();
  const waiting = useWaitingEquipmentCheck(siteId, me.id, kind);
  if (day.isPending || assets.isPending) return <MobileSpinner />;
  // Either load failing is a failure, never "no assets registered".
  if (day.isError || assets.isError)
    return <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(day.error ?? assets.error)} />;
  const done = day.data[kind];
  return (
    <div className={styles.body} data-testid="daily-check">
      {/* Two radio buttons dressed as a segmented control: antd-mobile's Segmented is a listbox whose options sit inside labels (axe: aria-required-children). */}
      <div className={styles.phases} role="radiogroup">
        {(['opening', 'closing'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className={styles.phase}
            onClick={() => setKind(k)}
            data-testid={`check-kind-${k}`}
          >
            {t(`equipment.phone.${k}`)}
          </button>
        ))}
      </div>
      <div className={styles.muted} style={{ marginTop: 0 }}>
        {t(kind === 'opening' ? 'equipment.phone.openingHint' : 'equipment.phone.closingHint')}
      </div>
      {done ? (
        <Submitted check={done} timeZone={timeZone} />
      ) : waiting ? (
        <Waiting op={waiting} timeZone={timeZone} />
      ) : (assets.data ?? []).length === 0 ? (
        <PhoneState status="empty" title={t('equipment.phone.noAssets')} />
      ) : (
        <CheckForm key={kind} siteId={siteId} personId={me.id} kind={kind} />
      )}
    </div>
  );
}

function Submitted({ check, timeZone }: { check: EquipmentCheck; timeZone: string }) {
  const { t } = useTranslation();
  const faults = check.results.filter((r) => !r.ok).length;
  return (
    <div className={styles.card} data-testid="check-submitted">
      <div className={styles.ok}>{t('equipment.phone.submitted')}</div>
      <div className={styles.muted}>{t('equipment.phone.doneBy', { name: check.byName, time: formatLocal(check.at, timeZone, 'HH:mm') })}</div>
      {faults ? <div className={styles.abnormalCount}>{t('equipment.phone.abnormalCount', { count: faults })}</div> : null}
    </div>
  );
}

/** A check saved on the phone, waiting for a signal (its faults become work orders once it arrives). */
function Waiting({ op, timeZone }: { op: EquipmentCheckOp; timeZone: string }) {
  const { t } = useTranslation();
  const faults = op.body.results.filter((r) => !r.ok).length;
  return (
    <div className={styles.card} data-testid="check-waiting">
      <div className={styles.cardTitle}>{t('equipment.phone.waiting', { time: formatLocal(op.body.at, timeZone, 'HH:mm') })}</div>
      <div className={styles.muted}>{t('equipment.phone.waitingHint')}</div>
      {faults ? <div className={styles.abnormalCount}>{t('equipment.phone.abnormalCount', { count: faults })}</div> : null}
    </div>
  );
}

interface LineState extends CheckLineDraft {
  photo: DraftPhoto | null;
}

function CheckForm({ siteId, personId, kind }: { siteId: string; personId: string; kind: EquipmentCheckKind }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const assets = useAllAssets(siteId);
  const [id] = useState(newId);
  // Nothing is answered until the technician answers it: a check that starts at 正常 gets sent unread.
  const [lines, setLines] = useState<Record<string, LineState>>({});
  const [showProblems, setShowProblems] = useState(false);
  const list = useMemo(() => [...(assets.data ?? [])].sort((a, b) => a.zoneName.localeCompare(b.zoneName)), [assets.data]);
  const drafts = useMemo(
    () => Object.fromEntries(Object.entries(lines).map(([assetId, l]) => [assetId, { answer: l.answer, note: l.note, hasPhoto: l.photo !== null }])),
    [lines],
  );
  const problems = checkProblems(
    list.map((a) => a.id),
    drafts,
  );
  const answered = list.length - problems.unanswered.length;
  const abnormal = list.filter((a) => lines[a.id]?.answer === 'abnormal').length;
  const submit = useSubmitEquipmentCheck(siteId, personId);
  const body = () => ({
    id,
    kind,
    results: list.map((a) => {
      const line = lines[a.id]!;
      const photoId = line.photo?.id;
      return line.answer === 'abnormal'
        ? { assetId: a.id, ok: false, note: line.note.trim(), ...(photoId ? { photoId } : {}) }
        : { assetId: a.id, ok: true, ...(photoId ? { photoId } : {}) };
    }),
  });
  const update = (assetId: string, patch: Partial<LineState>) =>
    setLines((all) => ({ ...all, [assetId]: { ...(all[assetId] ?? { ...UNANSWERED, photo: null }), ...patch } }));
  const send = () => {
    const problem = firstProblem(problems);
    if (problem) {
      setShowProblems(true);
      Toast.show({ content: t(`errors.${problem.code}`) });
      document.querySelector(`[data-asset-id="${problem.assetId}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    const photos = list.flatMap((a) => (lines[a.id]?.photo ? [lines[a.id]!.photo!] : []));
    submit.mutate(
      { body: body(), photos },
      {
        onSuccess: (check) => Toast.show({ icon: 'success', content: t(check ? 'equipment.phone.submitted' : 'equipment.phone.savedOnPhone') }),
        onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
      },
    );
  };
  return (
    <>
      <div className={styles.checkProgress} data-testid="check-progress">
        <span>{t('equipment.phone.answeredCount', { answered, total: list.length })}</span>
        {abnormal ? <span className={styles.abnormalCount}>{t('equipment.phone.abnormalCount', { count: abnormal })}</span> : null}
      </div>
      <div className={styles.card}>
        {list.map((a) => {
          const line = lines[a.id];
          const answer = line?.answer ?? null;
          const missing = showProblems && answer === null;
          return (
            <div
              key={a.id}
              className={`${styles.checkRow} ${answer === 'abnormal' ? styles.checkRowAbnormal : ''} ${missing ? styles.checkRowMissing : ''}`}
              data-testid="check-asset"
              data-asset-id={a.id}
              data-answer={answer ?? 'none'}
            >
              <div className={styles.checkName}>{assetName(a, locale)}</div>
              <div className={styles.checkZone}>
                {a.zoneName}
                {a.locationNote ? ` · ${a.locationNote}` : ''}
                {missing ? <span className={styles.missingHint}> · {t('equipment.phone.unanswered')}</span> : null}
              </div>
              <div className={styles.answerRow} role="group" aria-label={assetName(a, locale)}>
                <Button
                  aria-pressed={answer === 'ok'}
                  className={`${styles.answer} ${answer === 'ok' ? styles.answerOk : ''}`}
                  onClick={() => update(a.id, { answer: 'ok' })}
                  data-testid="check-ok"
                >
                  {t('equipment.phone.ok')}
                </Button>
                <Button
                  aria-pressed={answer === 'abnormal'}
                  className={`${styles.answer} ${answer === 'abnormal' ? styles.answerAbnormal : ''}`}
                  onClick={() => update(a.id, { answer: 'abnormal' })}
                  data-testid="check-abnormal"
                >
                  {t('equipment.phone.abnormal')}
                </Button>
              </div>
              {answer === 'abnormal' ? (
                <div className={styles.textarea}>
                  <Input
                    value={line?.note ?? ''}
                    onChange={(v) => update(a.id, { note: v })}
                    placeholder={t('equipment.phone.abnormalNote')}
                    aria-label={t('equipment.phone.abnormalNote')}
                    maxLength={300}
                  />
                </div>
              ) : null}
              {answer !== null ? (
                <div className={styles.checkPhoto}>
                  <PhotoCapture
                    size="small"
                    photo={line?.photo?.blob ?? null}
                    photoKey={line?.photo?.id ?? null}
                    onChange={(blob) => update(a.id, { photo: blob ? { id: newId(), blob } : null })}
                    label={t(answer === 'abnormal' ? 'equipment.phone.photoRequired' : 'equipment.phone.photoOptional')}
                    inputTestId="check-photo-input"
                  />
                  {answer === 'abnormal' && showProblems && !line?.photo ? (
                    <span className={styles.missingHint}>{t('errors.PHOTO_REQUIRED')}</span>
                  ) : null}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
      <Button
        block
        color="primary"
        size="large"
        loading={submit.isPending}
        disabled={!isReadyToSubmit(problems) && showProblems}
        onClick={send}
        data-testid="check-submit"
      >
        {t('equipment.phone.submit')}
      </Button>
    </>
  );
}

/** Maintenance falling due within the week, for the technician to do and note. */
function MaintenanceDue({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const due = useMaintenance(siteId, true);
  const items = useMemo(
    () => [...(due.data?.pages.flatMap((p) => p.items) ?? [])].sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn)),
    [due.data],
  );
  if (due.isPending || due.isError || items.length === 0) return null;
  return (
    <div className={styles.body} style={{ paddingTop: 0 }}>
      <div className={styles.card} data-testid="maintenance-due">
        <div className={styles.cardTitle}>{t('equipment.phone.maintenanceDue')}</div>
        {items.map((m) => (
          <MaintenanceRow key={m.id} siteId={siteId} schedule={m} />
        ))}
      </div>
    </div>
  );
}

function MaintenanceRow({ siteId, schedule }: { siteId: string; schedule: MaintenanceSchedule }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [note, setNote] = useState<string | null>(null);
  const done = useRepairMutation(siteId, (text: string) => equipmentApi.maintenanceDone(siteId, schedule.id, text));
  return (
    <div className={styles.checkRow}>
      <div className={styles.between}>
        <div>
          <div className={styles.checkName}>{schedule.title}</div>
          <div className={styles.checkZone}>
            {assetName({ nameZh: schedule.assetNameZh, nameEn: schedule.assetNameEn }, locale)} ·{' '}
            <span className={schedule.overdue ? styles.overdue : undefined} data-testid={schedule.overdue ? 'maintenance-overdue' : undefined}>
              {schedule.nextDueOn}
              {schedule.overdue ? ` · ${t('equipment.maintenance.overdue')}` : ''}
            </span>
          </div>
        </div>
        {note === null ? (
          <Button size="small" color="primary" fill="outline" onClick={() => setNote('')}>
            {t('equipment.maintenance.done')}
          </Button>
        ) : null}
      </div>
      {note !== null ? (
        <>
          <div className={styles.textarea}>
            <Input value={note} onChange={setNote} placeholder={t('equipment.maintenance.doneNotePlaceholder')} maxLength={300} />
          </div>
          <div className={styles.actions}>
            <Button size="small" onClick={() => setNote(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              size="small"
              color="primary"
              disabled={!note.trim()}
              loading={done.isPending}
              onClick={() =>
                done.mutate(note.trim(), {
                  onSuccess: () => Toast.show({ icon: 'success', content: t('common.saved') }),
                  onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
                })
              }
            >
              {t('common.confirm')}
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}
