import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Input, NavBar, Segmented, Toast } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EquipmentCheck, EquipmentCheckKind, MaintenanceSchedule } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../shift/outbox-client';
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
  if (day.isPending || assets.isPending) return <MobileSpinner />;
  if (day.isError) return <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(day.error)} />;
  const done = day.data[kind];
  return (
    <div className={styles.body} data-testid="daily-check">
      <Segmented
        block
        value={kind}
        onChange={(v) => setKind(v as EquipmentCheckKind)}
        options={[
          { label: t('equipment.phone.opening'), value: 'opening' },
          { label: t('equipment.phone.closing'), value: 'closing' },
        ]}
      />
      <div className={styles.muted} style={{ marginTop: 0 }}>
        {t(kind === 'opening' ? 'equipment.phone.openingHint' : 'equipment.phone.closingHint')}
      </div>
      {done ? (
        <Submitted check={done} timeZone={timeZone} />
      ) : (assets.data ?? []).length === 0 ? (
        <PhoneState status="empty" title={t('equipment.phone.noAssets')} />
      ) : (
        <CheckForm key={kind} siteId={siteId} kind={kind} />
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
      {faults ? <div className={styles.muted}>{t('equipment.phone.abnormalCount', { count: faults })}</div> : null}
    </div>
  );
}

function CheckForm({ siteId, kind }: { siteId: string; kind: EquipmentCheckKind }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const assets = useAllAssets(siteId);
  const [id] = useState(newId);
  const [faults, setFaults] = useState<Record<string, string>>({});
  const list = useMemo(() => [...(assets.data ?? [])].sort((a, b) => a.zoneName.localeCompare(b.zoneName)), [assets.data]);
  const submit = useRepairMutation(siteId, () =>
    equipmentApi.submitCheck(siteId, {
      id,
      kind,
      results: list.map((a) => (a.id in faults ? { assetId: a.id, ok: false, note: faults[a.id]!.trim() } : { assetId: a.id, ok: true })),
    }),
  );
  const send = () => {
    if (Object.values(faults).some((n) => !n.trim())) {
      Toast.show({ content: t('equipment.phone.needNote') });
      return;
    }
    submit.mutate(undefined, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('equipment.phone.submitted') }),
      onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
    });
  };
  return (
    <>
      <div className={styles.card}>
        {list.map((a) => {
          const faulty = a.id in faults;
          return (
            <div key={a.id} className={styles.checkRow} data-testid="check-asset">
              <div className={styles.between}>
                <div>
                  <div className={styles.checkName}>{assetName(a, locale)}</div>
                  <div className={styles.checkZone}>
                    {a.zoneName}
                    {a.locationNote ? ` · ${a.locationNote}` : ''}
                  </div>
                </div>
                <Segmented
                  value={faulty ? 'abnormal' : 'ok'}
                  onChange={(v) =>
                    setFaults((f) => {
                      const next = { ...f };
                      if (v === 'abnormal') next[a.id] = '';
                      else delete next[a.id];
                      return next;
                    })
                  }
                  options={[
                    { label: t('equipment.phone.ok'), value: 'ok' },
                    { label: t('equipment.phone.abnormal'), value: 'abnormal' },
                  ]}
                />
              </div>
              {faulty ? (
                <div className={styles.textarea}>
                  <Input
                    value={faults[a.id]}
                    onChange={(v) => setFaults((f) => ({ ...f, [a.id]: v }))}
                    placeholder={t('equipment.phone.abnormalNote')}
                    maxLength={300}
                  />
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
      <Button block color="primary" size="large" loading={submit.isPending} onClick={send} data-testid="check-submit">
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
            {assetName({ nameZh: schedule.assetNameZh, nameEn: schedule.assetNameEn }, locale)} · {schedule.nextDueOn}
            {schedule.overdue ? ` · ${t('equipment.maintenance.overdue')}` : ''}
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
