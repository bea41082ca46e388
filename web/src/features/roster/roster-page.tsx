import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, DatePicker, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CopyOutlined, LeftOutlined, PlusOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Post, RosterEntry } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { addDays, dateToPicker, isLocalDate, mondayOf, pickerToDate, todayAt, weekdayOf } from '../../shared/format/local-date';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePeople } from '../people/use-people';
import { usePosts } from '../posts/use-posts';
import { useSite } from '../sites/use-sites';
import { useDayLabel, useWeekdayName } from './day-label';
import { cellKey, indexConflicts, type ConflictKind } from './roster-conflicts';
import { CONFLICT_COLORS, RosterConflictsPanel } from './roster-conflicts-panel';
import { RosterEntryModal, type RosterTarget } from './roster-entry-modal';
import { useCopyRosterWeek, useRemoveRosterEntry, useRosterWeek } from './use-roster';
import styles from './roster.module.css';
import { shiftTimeRange } from '../../shared/format/shift-time';

const DEFAULT_HOURS = { open: '08:30', close: '18:00' };

/** 排班: who works which post, day by day, a week at a time, with the conflicts the server sees. */
export function RosterPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const site = useCurrentSite();
  const [params, setParams] = useSearchParams();
  const today = todayAt(site.timeZone);
  const requested = params.get('week');
  const weekStart = mondayOf(isLocalDate(requested) ? requested : today);
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)), [weekStart]);
  const roster = useRosterWeek(site.id, weekStart);
  const posts = usePosts(site.id);
  const people = usePeople(site.id);
  const siteDetail = useSite(site.id);
  const remove = useRemoveRosterEntry(site.id);
  const copy = useCopyRosterWeek(site.id);
  const [target, setTarget] = useState<RosterTarget | null>(null);
  const editable = canManageSite(site.role);
  const dayLabel = useDayLabel();
  const weekdayName = useWeekdayName();
  const hours = siteDetail.data?.openingHours;
  const closedWeekdays = hours?.closedWeekdays ?? [];

  // Showing last week's data while this week loads: do not mix its entries into this week's cells.
  const week = roster.data?.weekStart === weekStart ? roster.data : undefined;
  const conflicts = useMemo(() => indexConflicts(week?.conflicts ?? []), [week]);
  const personName = useMemo(() => {
    const names = new Map((people.data ?? []).map((p) => [p.id, p.name]));
    return (id: string | undefined) => (id && names.get(id)) || '—';
  }, [people.data]);
  const postName = useMemo(() => {
    const names = new Map((posts.data ?? []).map((p) => [p.id, p.name]));
    return (id: string | undefined) => (id && names.get(id)) || '—';
  }, [posts.data]);
  const entriesByCell = useMemo(() => {
    const byCell = new Map<string, RosterEntry[]>();
    for (const e of week?.entries ?? []) byCell.set(cellKey(e.postId, e.date), [...(byCell.get(cellKey(e.postId, e.date)) ?? []), e]);
    for (const list of byCell.values()) list.sort((a, b) => a.start.localeCompare(b.start));
    return byCell;
  }, [week]);

  const goTo = (date: string) => {
    const monday = mondayOf(date);
    setParams(monday === mondayOf(today) ? {} : { week: monday });
  };

  const confirmRemove = (entry: RosterEntry) => {
    modal.confirm({
      title: t('consoleShifts.roster.removeConfirm'),
      content: t('consoleShifts.roster.removeDetail', {
        person: personName(entry.personId),
        post: postName(entry.postId),
        day: dayLabel(entry.date),
        start: entry.start,
        end: entry.end,
      }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove.mutateAsync(entry.id);
          void message.success(t('common.deleted'));
        } catch (error) {
          // A roster line someone already clocked in on stays: the day board and reports read it.
          void message.error(describeError(error));
        }
      },
    });
  };

  const onCopy = async () => {
    const before = week?.entries.length ?? 0;
    try {
      const after = await copy.mutateAsync({ fromWeek: addDays(weekStart, -7), toWeek: weekStart });
      const copied = after.entries.length - before;
      if (copied > 0) void message.success(t('consoleShifts.roster.copied', { count: copied }));
      else void message.info(t('consoleShifts.roster.copiedNone'));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const issueText = (kinds: Set<ConflictKind>) => [...kinds].map((k) => t(`consoleShifts.conflicts.kinds.${k}`)).join(t('common.listSeparator'));

  const renderEntry = (entry: RosterEntry) => {
    const issues = conflicts.issuesByEntry.get(entry.id);
    const color = issues?.has('PERSON_DOUBLE_BOOKED')
      ? CONFLICT_COLORS.PERSON_DOUBLE_BOOKED
      : issues?.size
        ? CONFLICT_COLORS.NO_PRE_JOB_TRAINING
        : 'blue';
    const tag = (
      <Tag
        key={entry.id}
        color={color}
        className={styles.entry}
        closable={editable}
        onClose={(event) => {
          event.preventDefault(); // removed once the server agrees, not on click
          confirmRemove(entry);
        }}
        data-testid="roster-entry"
      >
        <span>
          <span className={styles.entryName}>
            {issues?.size ? <WarningOutlined style={{ marginInlineEnd: 4 }} /> : null}
            {personName(entry.personId)}
          </span>
          <span className={styles.entryTime}>{shiftTimeRange(t, entry.start, entry.end)}</span>
        </span>
      </Tag>
    );
    return issues?.size ? (
      <Tooltip key={entry.id} title={issueText(issues)}>
        {tag}
      </Tooltip>
    ) : (
      tag
    );
  };

  const dayColumns: TableColumnsType<Post> = days.map((date) => {
    const closed = closedWeekdays.includes(weekdayOf(date));
    return {
      key: date,
      title: (
        <Flex vertical className={date === today ? styles.todayHeader : undefined}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {weekdayName(date)}
            {date === today ? ` · ${t('consoleShifts.roster.today')}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {closed ? `${date.slice(5)} · ${t('consoleShifts.roster.closedDay')}` : date.slice(5)}
          </Typography.Text>
        </Flex>
      ),
      onCell: (post) => {
        const gaps = conflicts.gapsByCell.get(cellKey(post.id, date));
        return { className: gaps ? styles.gapCell : closed ? styles.closedCell : undefined };
      },
      render: (_: unknown, post: Post) => {
        const entries = entriesByCell.get(cellKey(post.id, date)) ?? [];
        const gaps = conflicts.gapsByCell.get(cellKey(post.id, date)) ?? [];
        const add = () => setTarget({ postId: post.id, date });
        return (
          <div
            className={`${styles.cell} ${editable && !entries.length ? styles.clickable : ''}`}
            onClick={editable && !entries.length ? add : undefined}
            data-testid="roster-cell"
            data-conflict={gaps.length ? 'uncovered' : undefined}
          >
            {entries.map(renderEntry)}
            {gaps.map((g) => (
              <span key={g.from} className={styles.gap}>
                {t('consoleShifts.roster.gap', { from: g.from, to: g.to })}
              </span>
            ))}
            {editable ? (
              <Button
                size="small"
                type="text"
                icon={<PlusOutlined />}
                className={entries.length ? styles.addButton : undefined}
                onClick={(event) => {
                  event.stopPropagation();
                  add();
                }}
                aria-label={t('consoleShifts.roster.addTitle')}
                style={{ alignSelf: 'flex-start', color: '#8c8c8c' }}
              />
            ) : null}
          </div>
        );
      },
    };
  });

  const columns: TableColumnsType<Post> = [
    {
      key: 'post',
      title: t('consoleShifts.roster.post'),
      fixed: 'left',
      width: 150,
      render: (_, post) => <Typography.Text strong>{post.name}</Typography.Text>,
    },
    ...dayColumns,
  ];

  const loadError = roster.error ?? posts.error ?? people.error;

  return (
    <>
      <PageHeader
        title={t('consoleShifts.roster.title')}
        subtitle={t('consoleShifts.roster.subtitle')}
        extra={
          editable ? (
            <Popconfirm
              title={t('consoleShifts.roster.copyConfirm')}
              description={t('consoleShifts.roster.copyHint', { from: addDays(weekStart, -7), to: addDays(weekStart, -1) })}
              okText={t('consoleShifts.roster.copy')}
              onConfirm={() => onCopy()}
            >
              <Button icon={<CopyOutlined />} loading={copy.isPending}>
                {t('consoleShifts.roster.copyLastWeek')}
              </Button>
            </Popconfirm>
          ) : null
        }
      />
      {loadError ? <ErrorAlert error={loadError} onRetry={() => void Promise.all([roster.refetch(), posts.refetch(), people.refetch()])} /> : null}

      <Flex align="center" justify="space-between" gap={12} wrap style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button icon={<LeftOutlined />} onClick={() => goTo(addDays(weekStart, -7))}>
            {t('consoleShifts.roster.prevWeek')}
          </Button>
          <Button onClick={() => goTo(today)} disabled={weekStart === mondayOf(today)}>
            {t('consoleShifts.roster.thisWeek')}
          </Button>
          <Button onClick={() => goTo(addDays(weekStart, 7))}>
            {t('consoleShifts.roster.nextWeek')}
            <RightOutlined />
          </Button>
          <DatePicker
            value={dateToPicker(weekStart)}
            allowClear={false}
            onChange={(value) => value && goTo(pickerToDate(value))}
            format={() => `${weekStart} – ${addDays(weekStart, 6)}`}
            style={{ width: 230 }}
            aria-label={t('consoleShifts.roster.pickWeek')}
          />
        </Space>
        <Typography.Text type="secondary">
          {t('consoleShifts.roster.summary', { entries: week?.entries.length ?? 0, people: new Set(week?.entries.map((e) => e.personId)).size })}
        </Typography.Text>
      </Flex>

      {week ? (
        <RosterConflictsPanel conflicts={week.conflicts} entries={week.entries} index={conflicts} postName={postName} personName={personName} />
      ) : null}

      <Card styles={{ body: { padding: 0 } }}>
        <Table<Post>
          className={styles.grid}
          rowKey="id"
          bordered
          size="small"
          columns={columns}
          dataSource={posts.data ?? []}
          loading={roster.isPending || posts.isPending || roster.isPlaceholderData}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: emptyOnceLoaded(posts, <EmptyState title={t('posts.empty')} hint={t('consoleShifts.roster.noPostsHint')} />) }}
        />
      </Card>

      {editable ? (
        <RosterEntryModal
          siteId={site.id}
          target={target}
          posts={posts.data ?? []}
          people={people.data ?? []}
          defaultHours={hours ? { open: hours.open, close: hours.close } : DEFAULT_HOURS}
          onClose={() => setTarget(null)}
        />
      ) : null}
    </>
  );
}
