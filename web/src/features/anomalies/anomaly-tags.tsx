import { Tag } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Anomaly } from '@anchang/contracts';

const STATUS_COLORS: Record<Anomaly['status'], string> = { open: 'red', acknowledged: 'orange', assigned: 'blue', resolved: 'green' };
const CATEGORY_COLORS: Record<Anomaly['category'], string> = { equipment: 'purple', supplies: 'cyan', environment: 'geekblue', other: 'default' };

export function AnomalyStatusTag({ status }: { status: Anomaly['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} variant="filled" data-status={status}>
      {t(`consoleShifts.anomalyStatus.${status}`)}
    </Tag>
  );
}

export function AnomalyCategoryTag({ category }: { category: Anomaly['category'] }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLORS[category]}>{t(`consoleShifts.anomalyCategories.${category}`)}</Tag>;
}

export function NeedsRepairTag() {
  const { t } = useTranslation();
  return (
    <Tag color="volcano" icon={<ToolOutlined />}>
      {t('consoleShifts.anomalies.needsRepair')}
    </Tag>
  );
}
