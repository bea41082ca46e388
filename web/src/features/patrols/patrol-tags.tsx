import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PatrolRoundStatus, ScanFlag } from '@anchang/contracts';

export const ROUND_STATUS_COLOR: Record<PatrolRoundStatus, string> = {
  upcoming: 'default',
  in_progress: 'processing',
  done: 'success',
  done_late: 'warning',
  missed: 'error',
};

export function RoundStatusTag({ status }: { status: PatrolRoundStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROUND_STATUS_COLOR[status]} data-testid={`round-status-${status}`}>
      {t(`patrols.status.${status}`)}
    </Tag>
  );
}

export function ScanFlagTags({ flags }: { flags: readonly ScanFlag[] }) {
  const { t } = useTranslation();
  return (
    <>
      {flags.map((f) => (
        <Tooltip key={f} title={t(`patrols.flagHelp.${f}`)}>
          <Tag color="volcano">{t(`patrols.flags.${f}`)}</Tag>
        </Tooltip>
      ))}
    </>
  );
}
