import { useMemo, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Badge, Button, Card, DatePicker, Flex, Progress, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  DownloadOutlined,
  LeftOutlined,
  RightOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DayBoard, DayBoardRow } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { checklistState, PROGRESS_COLORS, type ChecklistProgress } from '../../shared/format/checklist-progress';
import { addDays, dateToPicker, isLocalDate, pickerToDate, todayAt } from '../../shared/format/local-date';
import { shiftTimeRange } from '../../shared/format/shift-time';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PresenceTag } from './presence-tag';
import { useDayBoard } from './use-day-board';
import { HandoffAckCard } from './handoff-ack-card';
import { dayBoardApi } from './day-board-api';
import styles from './day-board.module.css';

type BoardEntry = DayBoardRow['entries'][number];

/** One table line: a person rostered on a post, or the post alone when nobody is. */
interface Line {
  key: string;
  row: DayBoardRow;
  entry: BoardEntry | null;
  /** Rows the post cell spans (0 on the post's later lines). */
  span: number;
}

const onDuty = (entry: BoardEntry) => entry.presence === 'on_time' || entry.presence === 'late';

const toLines = (board: DayBoard | undefined): Line[] =>
  (board?.rows ?? []).flatMap((row): Line[] =>
    row.entries.length
      ? row.entries.map((entry, i) => ({
          key: `${row.postId}:${entry.entryId ?? entry.personId}:${i}`,
          row,
          entry,
          span: i === 0 ? row.entries.length : 0,
        }))
      : [{ key: row.postId, row, entry: null, span: 1 }],
  );

/** 今日看板: every post's people, attendance and checklist progress for a day, live for today. */
export function DayBoardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const site = useCurrentSite();
  const now = useNow(60_000);
  const today = todayAt(site.timeZone, now);
  const [params, setParams] = useSearchParams();
  const requested = params.get('date');
  const date = isLocalDate(requested) && requested <= today ? requested : today;
  const isToday = date === today;
  const board = useDayBoard(site.id, date, isToday);
  const data = board.data?.date === date ? board.data : undefined;
  const lines = useMemo(() => toLines(data), [data]);

  const goTo = (next: string) => setParams(next >= today ? {} : { date: next });
  // A night shift clocks out (or in, late) after midnight: marked 次日, or 08:00 reads as before 20:00.
  const time = (ms: number | null) => {
    if (ms === null) return <Typography.Text type="secondary">—</Typography.Text>;
    const hhmm = formatLocal(ms, site.timeZone, 'HH:mm');
    return formatLocal(ms, site.timeZone, 'YYYY-MM-DD') > date ? `${t('nightShift.nextDay')} ${hhmm}` : hhmm;
  };
  // Answered / total and the 异常 among them are two facts in two colours: green is for all clear only.
  const progress = (part: ChecklistProgress, isOnDuty: boolean, label: string) => {
    const state = checklistState(part);
    return state === 'none' ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Flex align="center" gap={6}>
        <Progress
          percent={Math.round((part.done / part.total) * 100)}
          size="small"
          status={state === 'todo' && isOnDuty ? 'active' : 'normal'}
          strokeColor={PROGRESS_COLORS[state]}
          format={() => `${part.done}/${part.total}`}
          aria-label={label}
          style={{ margin: 0, width: 110 }}
        />
        {part.anomalies > 0 ? (
          <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="progress-anomalies">
            {t('consoleShifts.dayBoard.progressAnomalies', { count: part.anomalies })}
          </Tag>
        ) : null}
      </Flex>
    );
  };

  const columns: TableColumnsType<Line> = [
    {
      title: t('consoleShifts.dayBoard.post'),
      key: 'post',
      width: 170,
      onCell: (line) => ({ rowSpan: line.span }),
      render: (_, { row }) => (
        <Flex vertical gap={4}>
          <Typography.Text strong>{row.postName}</Typography.Text>
          {row.openAnomalies ? (
            <Tag
              color="red"
              icon={<WarningOutlined />}
              style={{ alignSelf: 'flex-start', cursor: 'pointer' }}
              onClick={() => void navigate(`/sites/${site.id}/anomalies`)}
            >
              {t('consoleShifts.dayBoard.openAnomalies', { count: row.openAnomalies })}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('consoleShifts.dayBoard.person'),
      key: 'person',
      width: 150,
      onCell: (line) => (line.entry ? {} : { colSpan: 9 }),
      render: (_, { entry }) =>
        entry ? (
          <Typography.Text>{entry.personName}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('consoleShifts.dayBoard.notRostered')}</Typography.Text>
        ),
    },
    {
      title: t('consoleShifts.dayBoard.planned'),
      key: 'planned',
      width: 140,
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) => (entry ? <span className={styles.num}>{shiftTimeRange(t, entry.start, entry.end)}</span> : null),
    },
    {
      title: t('consoleShifts.dayBoard.presence'),
      key: 'presence',
      width: 96,
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) => (entry ? <PresenceTag presence={entry.presence} /> : null),
    },
    {
      title: t('consoleShifts.dayBoard.clockIn'),
      key: 'in',
      width: 76,
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) => (entry ? <span className={styles.num}>{time(entry.clockInAt)}</span> : null),
    },
    {
      title: t('consoleShifts.dayBoard.clockOut'),
      key: 'out',
      width: 76,
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) => (entry ? <span className={styles.num}>{time(entry.clockOutAt)}</span> : null),
    },
    {
      title: t('consoleShifts.dayBoard.pre'),
      key: 'pre',
      width: 190,
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) => (entry ? progress(entry.pre, onDuty(entry), t('consoleShifts.dayBoard.pre')) : null),
    },
    {
      title: t('consoleShifts.dayBoard.postShift'),
      key: 'postShift',
      width: 190,
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) => (entry ? progress(entry.post, onDuty(entry), t('consoleShifts.dayBoard.postShift')) : null),
    },
    {
      title: t('consoleShifts.dayBoard.anomalies'),
      key: 'anomalies',
      width: 70,
      align: 'center',
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) =>
        entry ? entry.anomalies ? <Badge count={entry.anomalies} color="#cf1322" /> : <Typography.Text type="secondary">0</Typography.Text> : null,
    },
    {
      title: t('consoleShifts.dayBoard.flags'),
      key: 'flags',
      onCell: (line) => (line.entry ? {} : { colSpan: 0 }),
      render: (_, { entry }) =>
        entry?.leftWithGuests ? (
          <Tooltip title={t('consoleShifts.dayBoard.leftWithGuestsHint')}>
            <Tag color="volcano">{t('consoleShifts.dayBoard.leftWithGuests')}</Tag>
          </Tooltip>
        ) : null,
    },
  ];

  const totals = data?.totals;
  const stat = (key: string, icon: ReactNode, title: string, value: number | undefined, color?: string, onClick?: () => void) => (
    <Card key={key} className={styles.stat} hoverable={!!onClick} onClick={onClick} data-testid={`board-total-${key}`}>
      <Statistic
        title={
          <Space>
            {icon}
            {title}
          </Space>
        }
        value={value ?? 0}
        loading={!data}
        styles={{ content: color && value ? { color } : {} }}
      />
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('consoleShifts.dayBoard.title')}
        subtitle={
          isToday
            ? t('consoleShifts.dayBoard.subtitleLive', {
                time: board.dataUpdatedAt ? formatLocal(board.dataUpdatedAt, site.timeZone, 'HH:mm:ss') : '—',
              })
            : t('consoleShifts.dayBoard.subtitleHistory', { date })
        }
        extra={
          <Button icon={<DownloadOutlined />} href={dayBoardApi.exportUrl(site.id, date, locale)} download data-testid="day-board-export">
            {t('consoleShifts.dayBoard.export')}
          </Button>
        }
      />
      <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Button icon={<LeftOutlined />} onClick={() => goTo(addDays(date, -1))} aria-label={t('consoleShifts.dayBoard.prevDay')} />
        <DatePicker
          value={dateToPicker(date)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
          onChange={(value) => value && goTo(pickerToDate(value))}
          style={{ width: 160 }}
          aria-label={t('consoleShifts.dayBoard.pickDate')}
        />
        <Button icon={<RightOutlined />} disabled={isToday} onClick={() => goTo(addDays(date, 1))} aria-label={t('consoleShifts.dayBoard.nextDay')} />
        <Button onClick={() => goTo(today)} disabled={isToday}>
          {t('consoleShifts.dayBoard.today')}
        </Button>
        {isToday ? (
          <Badge status="processing" text={t('consoleShifts.dayBoard.live')} style={{ marginInlineStart: 8 }} />
        ) : (
          <Tag color="default" style={{ marginInlineStart: 8 }}>
            {t('consoleShifts.dayBoard.history')}
          </Tag>
        )}
      </Flex>

      {board.isError ? <ErrorAlert error={board.error} onRetry={() => void board.refetch()} /> : null}

      <div className={styles.stats}>
        {stat('rostered', <TeamOutlined />, t('consoleShifts.dayBoard.rostered'), totals?.rostered)}
        {stat('onDuty', <CheckCircleOutlined />, t('consoleShifts.dayBoard.onDuty'), totals?.onDuty, '#389e0d')}
        {stat('late', <ClockCircleOutlined />, t('consoleShifts.dayBoard.late'), totals?.late, '#d46b08')}
        {stat('absent', <CloseCircleOutlined />, t('consoleShifts.dayBoard.absent'), totals?.absent, '#cf1322')}
        {stat(
          'anomalies',
          <WarningOutlined />,
          t('consoleShifts.dayBoard.openAnomaliesTotal'),
          totals?.openAnomalies,
          '#cf1322',
          () => void navigate(`/sites/${site.id}/anomalies`),
        )}
      </div>

      {data?.handoffs ? <HandoffAckCard data={data.handoffs} /> : null}

      <Card styles={{ body: { padding: 0 } }}>
        <Table<Line>
          rowKey="key"
          size="middle"
          bordered
          columns={columns}
          dataSource={lines}
          loading={!data && !board.isError}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: data ? <EmptyState title={t('posts.empty')} /> : ' ' }}
          data-testid="day-board"
        />
      </Card>
    </>
  );
}
