import { useNavigate } from 'react-router';
import { Card, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { FactSheet } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { useFactSheet } from './use-training';
import styles from './training.mobile.module.css';

/** 楼盘资料 on its own phone screen: what a guest asks about the project (GUARD-IN-1). */
export function FactSheetPhonePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('training.phone.factSheet')} onBack={() => void navigate('/')} roomBelow>
      <div className={styles.body}>{site ? <FactSheetOfSite siteId={site.id} /> : <PhoneState status="empty" title={t('mobile.noSites')} />}</div>
    </SubPage>
  );
}

/** The current version, loaded; also shown under the post's standard. */
export function FactSheetOfSite({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const sheet = useFactSheet(siteId);
  if (sheet.isPending) return <MobileSpinner />;
  if (sheet.isError)
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(sheet.error)}>
        <a onClick={() => void sheet.refetch()}>{t('common.retry')}</a>
      </PhoneState>
    );
  if (!sheet.data.version) return <PhoneState status="empty" title={t('training.factSheet.empty')} />;
  return <FactSheetView sheet={sheet.data} />;
}

export function FactSheetView({ sheet }: { sheet: FactSheet }) {
  const { t } = useTranslation();
  const c = sheet.content;
  return (
    <div className={styles.body} style={{ padding: 0 }} data-testid="fact-sheet-view">
      <Card
        className={styles.card}
        title={
          <span className={styles.head} style={{ marginBottom: 0 }}>
            {t('training.factSheet.unitTypes')}
            <Tag color="primary" fill="outline">
              {t('training.factSheet.version', { version: sheet.version })}
            </Tag>
          </span>
        }
      >
        {c.unitTypes.map((u) => (
          <div key={u.name} className={styles.unit}>
            <div className={styles.unitName}>{u.name}</div>
            <div className={styles.facts}>
              <Tag color="primary" fill="solid" round>
                {t('training.factSheet.areaValue', { area: u.areaM2 })}
              </Tag>
              <Tag round>{u.rooms}</Tag>
              <Tag round>{u.orientation}</Tag>
              <Tag color="warning" fill="outline" round>
                {t('training.factSheet.priceValue', { from: u.priceFromWan, to: u.priceToWan })}
              </Tag>
            </div>
          </div>
        ))}
        {c.managementFeePerM2 !== null ? (
          <p className={styles.muted}>
            {t('training.factSheet.feeLabel')}: <b>{t('training.factSheet.feeValue', { fee: c.managementFeePerM2.toFixed(2) })}</b>
          </p>
        ) : null}
      </Card>
      {c.sellingPoints.length ? (
        <Card className={styles.card} title={t('training.factSheet.sellingPointsTitle')}>
          <ol className={styles.points}>
            {c.sellingPoints.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ol>
        </Card>
      ) : null}
      {c.notes ? (
        <Card className={styles.card} title={t('training.factSheet.notes')}>
          <div className={styles.material}>{c.notes}</div>
        </Card>
      ) : null}
    </div>
  );
}
