import { useSyncExternalStore } from 'react';
import { Button, Popup } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useQuery } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/errors';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { surveyKeys, surveysApi, surveyUrl } from './surveys-api';
import styles from './survey.mobile.module.css';

/**
 * The farewell QR (送别评价码): shown on the staff phone as the guests leave, so they scan it from
 * the phone in front of them. The card that sent them off disappears with the visit, so the
 * popup lives at the page's root and is opened through this small store.
 */
let shown: { siteId: string; visitId: string } | null = null;
const listeners = new Set<() => void>();
const setShown = (next: typeof shown) => {
  shown = next;
  listeners.forEach((l) => l());
};
export const showFarewellQr = (siteId: string, visitId: string) => setShown({ siteId, visitId });
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export function FarewellQrHost() {
  const current = useSyncExternalStore(subscribe, () => shown);
  return (
    <Popup visible={current !== null} onMaskClick={() => setShown(null)} bodyStyle={{ borderTopLeftRadius: 16, borderTopRightRadius: 16 }}>
      {current ? <FarewellQr siteId={current.siteId} visitId={current.visitId} /> : null}
    </Popup>
  );
}

function FarewellQr({ siteId, visitId }: { siteId: string; visitId: string }) {
  const { t } = useTranslation();
  const token = useQuery({
    queryKey: [...surveyKeys.root(siteId), 'visit-token', visitId],
    queryFn: () => surveysApi.visitToken(siteId, visitId),
    // The survey.answered event refreshes it: the phone sees the guests have rated.
  });
  return (
    <div style={{ padding: '20px 20px 24px', textAlign: 'center' }} data-testid="farewell-qr">
      <div className={styles.cardTitle} style={{ fontSize: 18 }}>
        {t('surveys.farewell.title')}
      </div>
      <div className={styles.muted}>{t('surveys.farewell.hint')}</div>
      <div style={{ margin: '16px auto', width: 232, height: 232, display: 'grid', placeItems: 'center' }}>
        {token.isPending ? (
          <MobileSpinner />
        ) : token.isError ? (
          <div className={styles.error} role="alert">
            {t('surveys.farewell.failed')}: {describeError(token.error)}
          </div>
        ) : token.data.isAnswered ? (
          <div data-testid="farewell-answered">
            <CheckCircleFill style={{ fontSize: 56, color: '#16a34a' }} />
            <div className={styles.muted}>{t('surveys.farewell.answered')}</div>
          </div>
        ) : (
          <QRCodeSVG
            value={surveyUrl(token.data.path)}
            size={232}
            marginSize={2}
            data-testid="farewell-qr-code"
            data-url={surveyUrl(token.data.path)}
          />
        )}
      </div>
      {token.isError ? (
        <Button block fill="outline" onClick={() => void token.refetch()} style={{ marginBottom: 8 }}>
          {t('common.retry')}
        </Button>
      ) : null}
      <Button block color="primary" size="large" onClick={() => setShown(null)} data-testid="farewell-close">
        {t('surveys.farewell.close')}
      </Button>
    </div>
  );
}
