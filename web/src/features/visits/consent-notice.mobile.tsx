import { Checkbox } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_RETENTION_DEFAULT_DAYS, type MeSite } from '@anchang/contracts';
import { useSite } from '../sites/use-sites';
import styles from './visits.mobile.module.css';

/**
 * What the customer is told before their number is kept (PIPL: informed, specific consent): why,
 * for how long the car's details stay, that nothing goes elsewhere, and their rights. Shown on the
 * attendant's phone to the customer as soon as a number is typed; the box is ticked only after.
 */
export function ConsentNotice({ site, checked, onChange }: { site: MeSite; checked: boolean; onChange: (value: boolean) => void }) {
  const { t } = useTranslation();
  const details = useSite(site.id);
  const days = details.data?.customerRetentionDays ?? CUSTOMER_RETENTION_DEFAULT_DAYS;
  return (
    <div className={styles.consentBox} data-testid="consent-notice">
      <div className={styles.consentTitle}>{t('visits.park.consentTitle')}</div>
      <p className={styles.consentText}>{t('visits.park.consentNotice', { site: site.name, days })}</p>
      <Checkbox checked={checked} onChange={onChange} className={styles.consent} data-testid="consent-checkbox">
        {t('visits.park.consent')}
      </Checkbox>
    </div>
  );
}
