import { useRef, useState } from 'react';
import { Button, Tag, TextArea, Toast } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AssetCodeLookup, Me, PublicAsset, PublicReportReceipt } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { useMeQuery } from '../../shared/auth/use-auth';
import { formatLocal } from '../../shared/format/time';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../../shared/offline/new-id';
import { OPEN_STATUSES, repairKeys, repairsApi, useWorkOrders } from './repairs-api';
import styles from './repairs.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';

const DESCRIPTION_MAX = 500;

/**
 * What an asset's QR opens (`/m/q/a/:code`), for anyone and without login: the asset and the
 * site (no people, no ids), and a form to report a problem. A signed-in member of the site also sees
 * the open work orders on this asset, with "I'm here" to prove arrival with this very code.
 */
export function PublicAssetPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const me = useMeQuery();
  const view = useQuery({ queryKey: ['public-asset', code], queryFn: () => repairsApi.publicAsset(code), retry: false });
  // The public answer carries no ids; a signed-in member of the asset's site asks for them.
  const ids = useQuery({ queryKey: ['asset-code', code], queryFn: () => repairsApi.lookUpCode(code), enabled: !!me.data, retry: false });

  if (view.isPending) return <MobileSpinner />;
  if (view.isError) {
    const revoked = isApiError(view.error, 'ASSET_CODE_REVOKED');
    const unknown = isApiError(view.error, 'ASSET_NOT_FOUND') || isApiError(view.error, 'INVALID_ID') || isApiError(view.error, 'VALIDATION_FAILED');
    return (
      <div className={styles.screen} data-testid="asset-landing">
        <PhoneState
          status={revoked || unknown ? 'empty' : 'disconnected'}
          fullPage
          title={revoked ? t('equipment.publicPage.revokedTitle') : unknown ? t('equipment.publicPage.unknownTitle') : t('common.loadFailed')}
          description={describeError(view.error)}
        />
      </div>
    );
  }
  const member = ids.data && me.data?.sites.some((s) => s.id === ids.data.siteId) ? me.data : null;
  return (
    <div className={styles.screen} data-testid="asset-landing">
      <Hero asset={view.data} />
      <div className={styles.body}>
        {member && ids.data ? <StaffOrders ids={ids.data} code={code} me={member} /> : null}
        <ReportForm code={code} />
        <div className={styles.muted} style={{ textAlign: 'center' }}>
          {t('equipment.publicPage.privacy')}
        </div>
      </div>
    </div>
  );
}

function Hero({ asset }: { asset: PublicAsset }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className={styles.hero}>
      <div className={styles.site}>{asset.siteName}</div>
      <div className={styles.name} data-testid="asset-name">
        {locale === 'zh-CN' ? asset.nameZh : asset.nameEn}
      </div>
      <div className={styles.nameEn}>{locale === 'zh-CN' ? asset.nameEn : asset.nameZh}</div>
      <div className={styles.chips}>
        <span className={styles.chip}>{asset.zoneName}</span>
        <span className={styles.chip}>{t(`equipment.categories.${asset.category}`)}</span>
        {asset.locationNote ? <span className={styles.chip}>{asset.locationNote}</span> : null}
      </div>
    </div>
  );
}

function ReportForm({ code }: { code: string }) {
  const { t } = useTranslation();
  // One id per report: a resend after a lost answer is the same report.
  const reportId = useRef(newId());
  const [description, setDescription] = useState('');
  const [receipt, setReceipt] = useState<PublicReportReceipt | null>(null);
  const send = useMutation({
    mutationFn: () => repairsApi.publicReport(code, { id: reportId.current, description: description.trim() }),
    onSuccess: (r) => setReceipt(r),
  });

  if (receipt) {
    return (
      <div className={styles.card} data-testid="report-sent">
        <div className={styles.ok}>
          <CheckCircleFill />
          {t('equipment.publicPage.sent')}
        </div>
        <div className={styles.muted}>
          {t('equipment.publicPage.sentHint', { id: receipt.workOrderId.slice(-6).toUpperCase(), minutes: receipt.arrivalMinutes })}
        </div>
        <Button
          block
          fill="outline"
          color="primary"
          style={{ marginTop: 12 }}
          onClick={() => {
            reportId.current = newId();
            setDescription('');
            setReceipt(null);
            send.reset();
          }}
        >
          {t('equipment.publicPage.another')}
        </Button>
      </div>
    );
  }
  const tooShort = description.trim().length < 2;
  return (
    <div className={styles.card} data-testid="report-form">
      <div className={styles.cardTitle}>{t('equipment.publicPage.report')}</div>
      <div className={styles.label}>{t('equipment.publicPage.describe')}</div>
      <div className={styles.textarea}>
        <TextArea
          value={description}
          onChange={setDescription}
          placeholder={t('equipment.publicPage.describePlaceholder')}
          rows={4}
          maxLength={DESCRIPTION_MAX}
          showCount
          data-testid="report-description"
        />
      </div>
      <div className={styles.muted}>{t('equipment.publicPage.noPhoto')}</div>
      {send.isError ? (
        <div className={styles.muted} style={{ color: '#dc2626' }} role="alert">
          {isApiError(send.error, 'REPAIR_RATE_LIMITED') ? t('equipment.publicPage.rateLimited') : describeError(send.error)}
        </div>
      ) : null}
      <Button
        block
        color="primary"
        size="large"
        style={{ marginTop: 12 }}
        disabled={tooShort}
        loading={send.isPending}
        onClick={() => send.mutate()}
        data-testid="report-send"
      >
        {t('equipment.publicPage.send')}
      </Button>
    </div>
  );
}

/** The technician standing in front of the asset: its open work orders, and arrival with this code. */
function StaffOrders({ ids, code, me }: { ids: AssetCodeLookup; code: string; me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const timeZone = me.sites.find((s) => s.id === ids.siteId)?.timeZone ?? 'Asia/Shanghai';
  const orders = useWorkOrders(ids.siteId, 'open', { assetId: ids.assetId, pageSize: 20 });
  const arrive = useMutation({
    mutationFn: (id: string) => repairsApi.arrive(ids.siteId, id, { code }),
    onSuccess: () => Toast.show({ icon: 'success', content: t('equipment.publicPage.arrivedToast') }),
    onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: repairKeys.root(ids.siteId) }),
  });
  const open = (orders.data?.pages.flatMap((p) => p.items) ?? []).filter((o) => OPEN_STATUSES.includes(o.status));
  return (
    <div className={styles.card} data-testid="asset-orders">
      <div className={styles.cardTitle}>{t('equipment.publicPage.staffTitle')}</div>
      {orders.isPending ? <MobileSpinner /> : null}
      {orders.isError ? <div className={styles.muted}>{describeError(orders.error)}</div> : null}
      {!orders.isPending && open.length === 0 ? <div className={styles.muted}>{t('equipment.publicPage.noOpenOrders')}</div> : null}
      {open.map((o) => (
        <div key={o.id} className={styles.checkRow} data-testid="asset-order">
          <div className={styles.between}>
            <Tag color={o.slaBreached ? 'danger' : 'primary'} fill="outline">
              {t(`equipment.statuses.${o.status}`)}
            </Tag>
            <span className={styles.label}>{formatLocal(o.reportedAt, timeZone, 'HH:mm')}</span>
          </div>
          <div className={styles.orderText}>{o.description}</div>
          {o.status === 'reported' || o.status === 'accepted' ? (
            <Button
              block
              color="primary"
              style={{ marginTop: 10 }}
              loading={arrive.isPending && arrive.variables === o.id}
              onClick={() => arrive.mutate(o.id)}
              data-testid="asset-arrive"
            >
              {t('equipment.publicPage.imHere')}
            </Button>
          ) : null}
        </div>
      ))}
      <Button block fill="none" color="primary" style={{ marginTop: 4 }} onClick={() => void navigate('/repairs')}>
        {t('equipment.phone.title')}
      </Button>
    </div>
  );
}
