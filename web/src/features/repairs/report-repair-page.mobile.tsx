import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, NavBar, Selector, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../../shared/offline/new-id';
import { useZones } from '../zones/use-zones';
import { PhotoPicker, type DraftPhoto } from './photo-picker.mobile';
import { useMe } from '../../shared/auth/use-auth';
import { describeWriteError } from '../../shared/offline/send-through-outbox';
import { assetName, useAllAssets } from './repairs-api';
import { useReportRepair } from './use-repair-outbox';
import styles from './repairs.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';

/** 报修 from any staff phone: the zone, the asset if known, what is wrong, a photo. */
export function ReportRepairPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  const me = useMe();
  return (
    <div className={styles.page}>
      <NavBar className={styles.navBar} onBack={() => void navigate(-1)}>
        {t('equipment.phone.raiseTitle')}
      </NavBar>
      {site ? (
        <RepairForm siteId={site.id} personId={me.id} onSent={() => void navigate('/repairs', { replace: true })} />
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      )}
    </div>
  );
}

function RepairForm({ siteId, personId, onSent }: { siteId: string; personId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const zones = useZones(siteId);
  const assets = useAllAssets(siteId);
  // The ids stay with the draft: a resend after a failure is the same report and photo.
  const [id] = useState(newId);
  const [zoneId, setZoneId] = useState<string | null>(null);
  const [assetId, setAssetId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [photo, setPhoto] = useState<DraftPhoto | null>(null);
  const inZone = useMemo(() => (assets.data ?? []).filter((a) => a.zoneId === zoneId), [assets.data, zoneId]);
  const send = useReportRepair(siteId, personId);

  if (zones.isPending || assets.isPending) return <MobileSpinner />;
  if (zones.isError) return <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(zones.error)} />;

  const submit = () => {
    const missing = !zoneId ? t('equipment.phone.needZone') : description.trim().length < 2 ? t('equipment.phone.needDescription') : null;
    if (missing) {
      Toast.show({ content: missing });
      return;
    }
    send.mutate(
      { input: { id, ...(assetId ? { assetId } : { zoneId: zoneId ?? undefined }), description: description.trim() }, photo },
      {
        onSuccess: (stored) => {
          Toast.show({ icon: 'success', content: t(stored ? 'equipment.phone.sent' : 'equipment.phone.repairOutbox.savedOnPhone') });
          onSent();
        },
      },
    );
  };

  return (
    <div className={styles.body} data-testid="repair-form">
      <div className={styles.card}>
        <div className={styles.cardTitle}>{t('equipment.phone.zone')}</div>
        <Selector
          columns={2}
          options={(zones.data ?? []).map((z) => ({ label: z.name, value: z.id }))}
          value={zoneId ? [zoneId] : []}
          onChange={(v) => {
            setZoneId(v[0] ?? null);
            setAssetId(null);
          }}
        />
      </div>
      {zoneId && inZone.length ? (
        <div className={styles.card}>
          <div className={styles.cardTitle}>{t('equipment.phone.asset')}</div>
          <Selector
            columns={1}
            options={inZone.map((a) => ({ label: assetName(a, locale), description: a.locationNote, value: a.id }))}
            value={assetId ? [assetId] : []}
            onChange={(v) => setAssetId(v[0] ?? null)}
          />
          <div className={styles.muted}>{t('equipment.phone.chooseAsset')}</div>
        </div>
      ) : null}
      <div className={styles.card}>
        <div className={styles.cardTitle}>{t('equipment.phone.description')}</div>
        <div className={styles.textarea}>
          <TextArea
            value={description}
            onChange={setDescription}
            rows={4}
            maxLength={500}
            showCount
            placeholder={t('equipment.phone.descriptionPlaceholder')}
            data-testid="repair-description"
          />
        </div>
        <PhotoPicker photo={photo} onChange={setPhoto} label={t('equipment.phone.photo')} />
      </div>
      {send.isError ? (
        <div className={styles.muted} style={{ color: '#dc2626' }} role="alert" data-testid="repair-send-error">
          {describeWriteError(send.error)}
        </div>
      ) : null}
      <Button block color="primary" size="large" loading={send.isPending} onClick={submit} data-testid="repair-send">
        {t('equipment.phone.send')}
      </Button>
    </div>
  );
}
