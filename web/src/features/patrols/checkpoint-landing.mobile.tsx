import { useEffect, useRef, useState } from 'react';
import { Button, Tag, TextArea, Toast } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EquipmentState, PublicCheckpoint, ScanResult } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { useMeQuery } from '../../shared/auth/use-auth';
import { DEFAULT_TIME_ZONE, formatLocal } from '../../shared/format/time';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../../shared/offline/new-id';
import { getOutbox, useOutboxSender } from '../../shared/offline/outbox-client';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import type { ScanOp } from './outbox-kinds';
import './outbox-kinds';
import { checkpointsApi } from '../checkpoints/checkpoints-api';
import { patrolsApi } from './patrols-api';
import styles from './patrols.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';

/** How long the scan waits for the phone's location before recording without it. */
const LOCATION_WAIT_MS = 3000;
/** How long the page waits for the server's answer before leaving the scan to the outbox. */
const ANSWER_WAIT_MS = 10_000;

interface Fix {
  lat: number;
  lng: number;
  accuracyM: number;
}

function currentFix(): Promise<Fix | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), LOCATION_WAIT_MS);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: LOCATION_WAIT_MS, maximumAge: 30_000 },
    );
  });
}

/**
 * What a checkpoint's QR opens (`/m/q/c/:code`). Anyone sees the place and, at a cleaning
 * point, when it was last cleaned (never when security passed); a signed-in staff member's visit is recorded as a scan at once, with the
 * location if the phone gives it within a few seconds, and on a patrol asks for the equipment state.
 */
export function CheckpointLandingPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const me = useMeQuery();
  const view = useQuery({ queryKey: ['public-checkpoint', code], queryFn: () => checkpointsApi.publicView(code), retry: false });

  if (me.isPending) return <MobileSpinner />;
  if (me.data) {
    // Mounted once whatever the public view does, so the scan is sent once. A revoked or
    // unknown code is sent too: the server refuses it and keeps the attempt in the audit log.
    return (
      <div className={styles.screen} data-testid="checkpoint-landing">
        {view.data ? <Hero view={view.data} /> : null}
        <div className={styles.body}>
          <StaffScan
            code={code}
            personId={me.data.id}
            siteId={me.data.sites[0]?.id ?? ''}
            timeZone={view.data?.siteTimeZone ?? me.data.sites[0]?.timeZone ?? DEFAULT_TIME_ZONE}
          />
        </div>
      </div>
    );
  }
  if (view.isPending) return <MobileSpinner />;
  if (view.isError) {
    const revoked = isApiError(view.error, 'CODE_REVOKED');
    const unknown = isApiError(view.error, 'CODE_UNKNOWN');
    return (
      <div className={styles.screen} data-testid="checkpoint-landing">
        <PhoneState
          status={revoked || unknown ? 'empty' : 'disconnected'}
          fullPage
          title={revoked ? t('patrols.landing.revokedTitle') : unknown ? t('patrols.landing.unknownTitle') : t('common.loadFailed')}
          description={describeError(view.error)}
        />
      </div>
    );
  }
  return (
    <div className={styles.screen} data-testid="checkpoint-landing">
      <Hero view={view.data} />
      <div className={styles.body}>
        <PublicPart view={view.data} code={code} />
      </div>
    </div>
  );
}

function Hero({ view }: { view: PublicCheckpoint }) {
  const locale = useLocale();
  return (
    <div className={styles.hero}>
      <div className={styles.site}>{view.siteName}</div>
      <div className={styles.name}>{locale === 'zh-CN' ? view.nameZh : view.nameEn}</div>
      <div className={styles.nameEn}>{locale === 'zh-CN' ? view.nameEn : view.nameZh}</div>
      <span className={styles.zone}>{view.zoneName}</span>
    </div>
  );
}

function PublicPart({ view, code }: { view: PublicCheckpoint; code: string }) {
  const { t } = useTranslation();
  return (
    <>
      {/* Only a cleaning point tells when it was last cleaned; no page tells when security passed. */}
      {view.isCleaningPoint ? (
        <div className={styles.card} data-testid="last-cleaned">
          <div className={styles.label}>{t('patrols.landing.lastCleaned')}</div>
          {view.lastCleanedAt === null ? (
            <div className={styles.muted}>{t('patrols.landing.noCleaning')}</div>
          ) : (
            <>
              <div className={styles.big}>{formatLocal(view.lastCleanedAt, view.siteTimeZone, 'HH:mm')}</div>
              <div className={styles.muted}>{formatLocal(view.lastCleanedAt, view.siteTimeZone, 'YYYY-MM-DD')}</div>
            </>
          )}
        </div>
      ) : null}
      <div className={styles.card}>
        <div className={styles.muted} style={{ marginTop: 0 }}>
          {t('patrols.landing.publicHint')}
        </div>
        <Link to={`/login?next=${encodeURIComponent(`/q/c/${code}`)}`}>
          <Button block color="primary" fill="outline" style={{ marginTop: 12 }}>
            {t('patrols.landing.staffLogin')}
          </Button>
        </Link>
      </div>
    </>
  );
}

/** The scan is kept on the phone: it is sent (once, with this time) when the signal returns. */
class SavedOnPhone extends Error {
  constructor(readonly at: number) {
    super('saved on the phone');
  }
}

function StaffScan({ code, personId, siteId, timeZone }: { code: string; personId: string; siteId: string; timeZone: string }) {
  // This page stands outside the staff app's frame, whose banner runs the sender: run it here too.
  useOutboxSender(personId);
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // One id per opening of the page: a resend after a lost answer is the same scan.
  const scanId = useRef(newId());
  const [locating, setLocating] = useState(true);
  const scan = useMutation({
    mutationFn: async (): Promise<ScanResult> => {
      // The scan counts when the QR was opened, not when the location or the signal came.
      const at = Date.now();
      const fix = await currentFix();
      setLocating(false);
      const op: ScanOp = { kind: 'scan', siteId, body: { id: scanId.current, code, ...(fix ?? {}), at } };
      const outbox = getOutbox();
      await outbox.enqueue(personId, [op]);
      if (!navigator.onLine) throw new SavedOnPhone(at);
      // A weak signal: after a while the scan is left to the outbox, like one made offline.
      const outcome = await Promise.race([outbox.waitForOutcome(op.body.id), new Promise<null>((r) => setTimeout(() => r(null), ANSWER_WAIT_MS))]);
      if (outcome === null) throw new SavedOnPhone(at);
      if (!outcome.sent) {
        await outbox.discard(op.body.id);
        throw new Error(describeOutboxError(outcome.error));
      }
      if (!outcome.response) throw new SavedOnPhone(at); // sent by another tab: its answer is there
      return outcome.response as ScanResult;
    },
    // The page's own "last checked" time is now this scan.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['public-checkpoint', code] }),
  });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    scan.mutate();
  }, [scan]);

  if (scan.error instanceof SavedOnPhone) {
    return (
      <div className={styles.card} data-testid="scan-saved-on-phone">
        <div className={styles.ok}>
          <CheckCircleFill />
          {t('patrols.landing.savedOnPhone')}
        </div>
        <div className={styles.muted}>{t('patrols.landing.recordedAt', { time: formatLocal(scan.error.at, timeZone, 'HH:mm:ss') })}</div>
        <div className={styles.muted}>{t('patrols.landing.savedOnPhoneHint')}</div>
      </div>
    );
  }
  if (scan.isError) {
    return (
      <div className={styles.card} data-testid="scan-refused">
        <PhoneState
          status="default"
          title={t('patrols.landing.refused')}
          description={isApiError(scan.error) ? describeError(scan.error) : scan.error.message}
          style={{ padding: 0 }}
        />
        {isApiError(scan.error) && scan.error.status >= 500 ? (
          <Button block color="primary" style={{ marginTop: 12 }} onClick={() => scan.mutate()}>
            {t('common.retry')}
          </Button>
        ) : null}
      </div>
    );
  }
  if (!scan.data) {
    return (
      <div className={styles.card}>
        <MobileSpinner />
        <div className={styles.muted} style={{ textAlign: 'center' }}>
          {locating ? t('patrols.landing.locating') : t('patrols.landing.recording')}
        </div>
      </div>
    );
  }
  return <ScanProof result={scan.data} timeZone={timeZone} />;
}

function ScanProof({ result, timeZone }: { result: ScanResult; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = result.patrol;
  const lateMinutes = p ? Math.max(0, Math.round((result.scannedAt - p.plannedAt) / 60_000)) : 0;
  return (
    <>
      <div className={styles.card} data-testid="scan-recorded">
        <div className={styles.ok}>
          <CheckCircleFill />
          {t('patrols.landing.recorded')}
        </div>
        <div className={styles.muted}>{t('patrols.landing.recordedAt', { time: formatLocal(result.scannedAt, timeZone, 'HH:mm:ss') })}</div>
        {p ? (
          <>
            <div className={styles.proof} data-testid="scan-proof">
              {t('patrols.landing.proof', { route: locale === 'zh-CN' ? p.routeNameZh : p.routeNameEn, position: p.position, total: p.total })}
            </div>
            <div className={styles.steps}>
              {Array.from({ length: p.total }, (_, i) => (
                <span key={i} className={`${styles.step} ${i + 1 === p.position ? (p.isLate ? styles.stepLate : styles.stepDone) : ''}`} />
              ))}
            </div>
            <div className={styles.row}>
              <Tag color={p.isLate ? 'warning' : 'success'}>
                {p.isLate ? t('patrols.landing.lateBy', { minutes: lateMinutes }) : t('patrols.landing.onTime')}
              </Tag>
              <span className={styles.label}>{t('patrols.landing.plannedAt', { time: formatLocal(p.plannedAt, timeZone, 'HH:mm') })}</span>
            </div>
          </>
        ) : (
          <div className={styles.muted}>{result.flags.includes('repeat') ? t('patrols.landing.repeatScan') : t('patrols.landing.freeScan')}</div>
        )}
        {result.flags.length ? (
          <div className={styles.row} data-testid="scan-flags">
            {result.flags.map((f) => (
              <Tag key={f} color="danger" fill="outline">
                {t(`patrols.flags.${f}`)}
              </Tag>
            ))}
            <span className={styles.label}>{t('patrols.landing.flagged')}</span>
          </div>
        ) : null}
      </div>
      {p ? <EquipmentQuestion siteId={result.siteId} roundId={p.roundId} position={p.position} initial={p.equipmentState} /> : null}
      <Link to="/patrols">
        <Button block fill="none" color="primary">
          {t('patrols.landing.myPatrols')}
        </Button>
      </Link>
    </>
  );
}

/** SECURITY-4: every patrol checks the equipment at each point; a fault goes to the supervisor. */
function EquipmentQuestion({
  siteId,
  roundId,
  position,
  initial,
}: {
  siteId: string;
  roundId: string;
  position: number;
  initial: EquipmentState | null;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<EquipmentState | null>(null);
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: (state: EquipmentState) =>
      patrolsApi.equipment(siteId, roundId, position, { state, ...(state === 'abnormal' ? { note: note.trim() } : {}) }),
    onSuccess: (_, state) =>
      Toast.show({ icon: 'success', content: state === 'ok' ? t('patrols.landing.equipmentSaved') : t('patrols.landing.equipmentSavedAbnormal') }),
    onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
  });
  const saved = save.isSuccess ? save.variables : initial;
  return (
    <div className={styles.card} data-testid="equipment-question">
      <div className={styles.proof} style={{ marginTop: 0 }}>
        {t('patrols.landing.equipmentQuestion')}
      </div>
      {saved ? (
        <div className={styles.row}>
          <Tag color={saved === 'ok' ? 'success' : 'danger'}>
            {saved === 'ok' ? t('patrols.landing.equipmentOk') : t('patrols.landing.equipmentAbnormal')}
          </Tag>
          <span className={styles.label}>{saved === 'ok' ? t('patrols.landing.equipmentSaved') : t('patrols.landing.equipmentSavedAbnormal')}</span>
        </div>
      ) : (
        <>
          <div className={styles.buttons}>
            <Button color="success" loading={save.isPending && save.variables === 'ok'} onClick={() => save.mutate('ok')} data-testid="equipment-ok">
              {t('patrols.landing.equipmentOk')}
            </Button>
            <Button
              color={choice === 'abnormal' ? 'danger' : 'default'}
              fill={choice === 'abnormal' ? 'solid' : 'outline'}
              onClick={() => setChoice('abnormal')}
            >
              {t('patrols.landing.equipmentAbnormal')}
            </Button>
          </div>
          {choice === 'abnormal' ? (
            <>
              <TextArea
                placeholder={t('patrols.landing.equipmentNote')}
                value={note}
                onChange={setNote}
                maxLength={300}
                rows={3}
                style={{ marginTop: 12, padding: '8px 10px', borderRadius: 8, background: '#f3f5f9', '--font-size': '15px' }}
              />
              <Button
                block
                color="danger"
                disabled={!note.trim()}
                loading={save.isPending}
                style={{ marginTop: 10 }}
                onClick={() => save.mutate('abnormal')}
              >
                {t('patrols.landing.equipmentSubmit')}
              </Button>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
