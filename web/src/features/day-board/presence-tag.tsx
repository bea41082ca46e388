import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayBoardRow } from '@anchang/contracts';

export type Presence = DayBoardRow['entries'][number]['presence'];

const COLORS: Record<Presence, string> = { upcoming: 'default', on_time: 'green', late: 'orange', absent: 'red', done: 'blue' };

/** 未到班时 / 在岗 / 迟到 / 缺勤 / 已下班. */
export function PresenceTag({ presence }: { presence: Presence }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[presence]} variant="filled" data-presence={presence}>
      {t(`consoleShifts.presence.${presence}`)}
    </Tag>
  );
}
