import { Button, Flex, Popover, Typography } from 'antd';
import { MobileOutlined } from '@ant-design/icons';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';

export const staffAppUrl = (): string => `${window.location.origin}/m/`;

/** The staff app's address as a QR code: managers onboard staff by letting them scan it. */
export function StaffAppQrCode({ size = 132 }: { size?: number }) {
  const { t } = useTranslation();
  const url = staffAppUrl();
  return (
    <Flex vertical align="center" gap={8}>
      <QRCodeSVG value={url} size={size} marginSize={1} title={t('app.staffApp')} />
      <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center', maxWidth: size + 40 }}>
        {t('app.staffAppHint')}
      </Typography.Text>
      <Typography.Text copyable style={{ fontSize: 12 }}>
        {url}
      </Typography.Text>
    </Flex>
  );
}

export function StaffAppQrButton() {
  const { t } = useTranslation();
  return (
    <Popover content={<StaffAppQrCode />} title={t('app.staffApp')} trigger="click" placement="bottomRight">
      <Button type="text" icon={<MobileOutlined />}>
        {t('app.staffApp')}
      </Button>
    </Popover>
  );
}
