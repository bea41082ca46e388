import { Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, SafetyOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@anchang/contracts';

const SEVERITY_COLORS: Record<Incident['severity'], string> = { low: 'default', medium: 'orange', high: 'red' };

export function IncidentSeverityTag({ severity }: { severity: Incident['severity'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLORS[severity]} variant={severity === 'high' ? 'solid' : 'filled'} data-severity={severity}>
      {t(`incidents.severities.${severity}`)}
    </Tag>
  );
}

export function IncidentStatusTag({ status }: { status: Incident['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={status === 'open' ? 'blue' : 'green'}
      icon={status === 'open' ? <ClockCircleOutlined /> : <CheckCircleOutlined />}
      data-status={status}
    >
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}

export function PoliceDecisionTag({ decision }: { decision: Incident['policeDecision'] }) {
  const { t } = useTranslation();
  if (!decision) {
    return (
      <Tag color="gold" icon={<ClockCircleOutlined />} data-decision="pending">
        {t('incidents.police.pending')}
      </Tag>
    );
  }
  return (
    <Tag
      color={decision === 'call' ? 'volcano' : 'default'}
      icon={decision === 'call' ? <WarningOutlined /> : <SafetyOutlined />}
      data-decision={decision}
    >
      {t(`incidents.policeDone.${decision}`)}
    </Tag>
  );
}
