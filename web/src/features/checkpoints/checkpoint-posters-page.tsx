import { Button, Result, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { QRCodeSVG } from 'qrcode.react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '@anchang/contracts';
import { consoleSites } from '../../shared/auth/access';
import { useMe } from '../../shared/auth/use-auth';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { checkpointUrl } from './checkpoints-api';
import { useCheckpoints } from './use-checkpoints';
import styles from './checkpoint-posters.module.css';

/**
 * The printable QR posters: one A4 page per checkpoint (`?id=` for one), without the console's
 * menu so the browser prints the posters alone. Both languages on every poster.
 */
export function CheckpointPostersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { siteId } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const site = consoleSites(me).find((s) => s.id === siteId) ?? null;
  const checkpoints = useCheckpoints(site?.id ?? '');
  if (!site) return <Navigate to="/" replace />;

  const only = search.get('id');
  const shown = (checkpoints.data ?? []).filter((c) => c.revokedAt === null && (!only || c.id === only));
  const copyIn = (lng: 'zh-CN' | 'en-US'): PosterCopy => {
    const tt = i18n.getFixedT(lng);
    return {
      title: tt('patrols.poster.title'),
      scanSteps: tt('patrols.poster.scanSteps'),
      staffOnly: tt('patrols.poster.staffOnly'),
      publicNote: tt('patrols.poster.publicNote'),
      code: tt('patrols.poster.code'),
    };
  };
  const zh = copyIn('zh-CN');
  const en = copyIn('en-US');

  return (
    <div data-testid="checkpoint-posters">
      <div className={styles.toolbar}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/sites/${site.id}/checkpoints`)}>
          {t('patrols.poster.back')}
        </Button>
        <strong>{t('patrols.poster.sheetTitle', { site: site.name })}</strong>
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!shown.length} onClick={() => window.print()}>
            {t('patrols.poster.print')}
          </Button>
        </Space>
      </div>
      {checkpoints.isPending ? <PageSpinner /> : null}
      {checkpoints.isError ? <ErrorAlert error={checkpoints.error} onRetry={() => void checkpoints.refetch()} /> : null}
      {checkpoints.isSuccess && !shown.length ? <Result status="info" title={t('patrols.poster.none')} /> : null}
      <div className={styles.sheet}>
        {shown.map((c) => (
          <Poster key={c.id} checkpoint={c} siteName={site.name} zh={zh} en={en} />
        ))}
      </div>
    </div>
  );
}

interface PosterCopy {
  title: string;
  scanSteps: string;
  staffOnly: string;
  publicNote: string;
  code: string;
}

function Poster({ checkpoint, siteName, zh, en }: { checkpoint: Checkpoint; siteName: string; zh: PosterCopy; en: PosterCopy }) {
  const url = checkpointUrl(checkpoint.code);
  return (
    <section className={styles.poster} data-testid="checkpoint-poster" data-url={url}>
      <div className={styles.site}>{siteName}</div>
      <div className={styles.kind}>
        {zh.title} · {en.title}
      </div>
      <div className={styles.name}>{checkpoint.nameZh}</div>
      <div className={styles.nameEn}>{checkpoint.nameEn}</div>
      <div className={styles.zone}>{checkpoint.zoneName}</div>
      <div className={styles.qr}>
        <QRCodeSVG value={url} size={340} level="M" marginSize={0} title={url} />
      </div>
      <div className={styles.steps}>
        <div>{zh.scanSteps}</div>
        <div className={styles.stepsEn}>{en.scanSteps}</div>
        <div style={{ marginTop: '4mm' }}>{zh.staffOnly}</div>
        <div className={styles.stepsEn}>{en.staffOnly}</div>
        <div style={{ marginTop: '4mm' }}>{zh.publicNote}</div>
        <div className={styles.stepsEn}>{en.publicNote}</div>
      </div>
      <div className={styles.footer}>
        {zh.code} / {en.code}: {checkpoint.code}
      </div>
    </section>
  );
}
