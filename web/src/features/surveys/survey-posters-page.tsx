import { Button, Radio, Result, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { QRCodeSVG } from 'qrcode.react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { consoleSites } from '../../shared/auth/access';
import { useMe } from '../../shared/auth/use-auth';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { usePosters, surveyUrl } from './surveys-api';
import styles from './survey-posters.module.css';

type Paper = 'a4' | 'a5';

/**
 * The printable satisfaction posters (`?id=` for one, `&paper=a5` for the small size), without the
 * console's menu so the browser prints the posters alone: the site, the place, a Chinese call to
 * action with its English line, and the QR.
 */
export function SurveyPostersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { siteId } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const site = consoleSites(me).find((s) => s.id === siteId) ?? null;
  const posters = usePosters(site?.id ?? '', !!site);
  if (!site) return <Navigate to="/" replace />;
  const paper: Paper = search.get('paper') === 'a5' ? 'a5' : 'a4';
  const only = search.get('id');
  const shown = (posters.data?.pages.flatMap((p) => p.items) ?? []).filter((p) => p.revokedAt === null && (!only || p.id === only));
  const zh = i18n.getFixedT('zh-CN');
  const en = i18n.getFixedT('en-US');
  return (
    <div data-testid="survey-posters" className={paper === 'a5' ? styles.a5 : styles.a4}>
      {/* The page size is a document-wide rule: set here for the paper chosen. */}
      <style>{`@page { size: ${paper === 'a5' ? 'A5' : 'A4'}; margin: 0; }`}</style>
      <div className={styles.toolbar}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/sites/${site.id}/satisfaction`)}>
          {t('surveys.posters.back')}
        </Button>
        <strong>{site.name}</strong>
        <Space>
          <span>{t('surveys.posters.paper')}</span>
          <Radio.Group
            value={paper}
            onChange={(e) => {
              const next = new URLSearchParams(search);
              next.set('paper', e.target.value as Paper);
              setSearch(next, { replace: true });
            }}
            optionType="button"
            options={[
              { value: 'a4', label: 'A4' },
              { value: 'a5', label: 'A5' },
            ]}
          />
          <Button type="primary" icon={<PrinterOutlined />} disabled={!shown.length} onClick={() => window.print()}>
            {t('surveys.posters.print')}
          </Button>
        </Space>
      </div>
      {posters.isPending ? <PageSpinner /> : null}
      {posters.isError ? <ErrorAlert error={posters.error} onRetry={() => void posters.refetch()} /> : null}
      {posters.isSuccess && !shown.length ? <Result status="info" title={t('surveys.posters.empty')} /> : null}
      <div className={styles.sheet}>
        {shown.map((p) => {
          const url = surveyUrl(p.path);
          return (
            <section key={p.id} className={styles.poster} data-testid="survey-poster" data-url={url}>
              <div className={styles.site}>{site.name}</div>
              {p.placeName !== site.name ? <div className={styles.place}>{p.placeName}</div> : null}
              <div className={styles.cta}>{zh('surveys.posters.cta')}</div>
              <div className={styles.ctaEn}>{en('surveys.posters.cta')}</div>
              <div className={styles.qr}>
                <QRCodeSVG value={url} size={paper === 'a5' ? 240 : 340} level="M" marginSize={0} title={url} />
              </div>
              <div className={styles.sub}>{zh('surveys.posters.ctaSub')}</div>
              <div className={styles.subEn}>{en('surveys.posters.ctaSub')}</div>
              <div className={styles.stars} aria-hidden="true">
                ★★★★★
              </div>
              <div className={styles.footer}>
                {zh('surveys.posters.footer')}
                <br />
                {en('surveys.posters.footer')}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
