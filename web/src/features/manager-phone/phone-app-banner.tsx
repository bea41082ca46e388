import { Alert, Button, Grid } from 'antd';
import { MobileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * On a phone-sized screen the console is the wrong tool: the site app (/m) has the manager's
 * inbox, approvals and boards laid out for a thumb. Said once, at the top of every console page.
 */
export function PhoneAppBanner() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // useBreakpoint answers {} before its first measure: say nothing until it knows.
  if (screens.md !== false) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<MobileOutlined />}
      title={t('managerPhone.phoneBanner.text')}
      action={
        <Button type="primary" size="small" href="/m/" data-testid="open-phone-app">
          {t('managerPhone.phoneBanner.open')}
        </Button>
      }
      style={{ marginBottom: 16, alignItems: 'center', flexWrap: 'wrap', rowGap: 8 }}
      data-testid="phone-app-banner"
    />
  );
}
