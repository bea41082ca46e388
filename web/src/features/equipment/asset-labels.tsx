import { Button, Flex, Modal, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import type { Asset } from '@anchang/contracts';
import { assetQrUrl } from '../repairs/repairs-api';
import styles from './equipment.module.css';

/** One printable label: the asset, and the QR of its public page (scan to report, no login). */
export function AssetLabel({ asset, siteName }: { asset: Asset; siteName: string }) {
  const { t } = useTranslation();
  if (!asset.code) return null;
  return (
    <div className={styles.label} data-testid="asset-label">
      <div className={styles.labelSite}>{siteName}</div>
      <div className={styles.labelName}>{asset.nameZh}</div>
      <div className={styles.labelNameEn}>{asset.nameEn}</div>
      <QRCodeSVG value={assetQrUrl(asset.code)} size={132} marginSize={1} title={asset.nameZh} />
      <div className={styles.labelCta}>{t('equipment.ledger.scanToReport')}</div>
      <div className={styles.labelMeta}>
        {asset.zoneName}
        {asset.locationNote ? ` · ${asset.locationNote}` : ''}
      </div>
    </div>
  );
}

export function AssetLabelsModal({ assets, siteName, open, onClose }: { assets: Asset[]; siteName: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const printable = assets.filter((a) => a.code);
  return (
    <Modal
      title={t('equipment.ledger.labels')}
      open={open}
      onCancel={onClose}
      width={760}
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('equipment.ledger.printHint')}</Typography.Text>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('equipment.ledger.print')}
          </Button>
        </Flex>
      }
    >
      <div className={`${styles.labels} ${styles.printArea}`}>
        {printable.map((a) => (
          <AssetLabel key={a.id} asset={a} siteName={siteName} />
        ))}
      </div>
    </Modal>
  );
}
