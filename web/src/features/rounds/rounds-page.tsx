import { useState } from 'react';
import { Card, DatePicker, Flex, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PostKind, RoundSlot } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { useQueryClient } from '@tanstack/react-query';
import { CompliancePanel } from './compliance-panel';
import { SchedulesPanel } from './schedules-panel';
import { SLOT_COLORS, slotStatusKey, slotView, type SlotView } from './slot-status';
import { useRoundDay } from './use-rounds';
import { roundKeys } from './rounds-api';
import { WeatherPanel } from './weather-panel';
import styles from './rounds.module.css';

/** 巡查与频次: the day's slots per schedule, the schedules, compliance and weather. */
export function RoundsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('today');
  return (
    <>
      <PageHeader title={t('rounds.title')} subtitle={t('rounds.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyInactiveTabPane
        items={[
          { key: 'today', label: t('rounds.tabs.today'), children: <TodayGrid /> },
          { key: 'schedules', label: t('rounds.tabs.schedules'), children: <SchedulesPanel /> },
          { key: 'compliance', label: t('rounds.tabs.compliance'), children: <CompliancePanel /> },
          { key: 'weather', label: t('rounds.tabs.weather'), children: <WeatherPanel /> },
        ]}
      />
    </>
  );
}

interface GridGroup {
  key: string;
  label: string;
  postKind: PostKind;
  slots: RoundSlot[];
}

function TodayGrid() {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(() => todayAt(site.timeZone));
  const day = useRoundDay(site.id, date, 'all');
  const now = useNow(15_000);
  // A scan may meet a slot: refresh the grid as scans come in.
  useRealtimeEvent((event) => {
    if (event.type === 'checkpoint.scanned' && event.siteId === site.id) void queryClient.invalidateQueries({ queryKey: roundKeys.root(site.id) });
  });

  const groups: GridGroup[] = [];
  for (const slot of day.data?.slots ?? []) {
    const key = slot.scheduleId ?? `weather:${slot.weatherId ?? ''}:${slot.postKind}`;
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, label: locale === 'zh-CN' ? slot.labelZh : slot.labelEn, postKind: slot.postKind, slots: [] };
      groups.push(group);
    }
    group.slots.push(slot);
  }
  const legend: SlotView[] = ['met', 'missed', 'late', 'open', 'upcoming'];

  return (
    <Card
      styles={{ body: { padding: 0 } }}
      title={
        <Flex align="center" gap={12}>
          <Typography.Text type="secondary">{t('rounds.grid.date')}</Typography.Text>
          <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} data-testid="rounds-date" />
        </Flex>
      }
      extra={
        <div className={styles.legend}>
          {legend.map((v) => (
            <span key={v}>
              <span className={styles.legendDot} style={{ background: SLOT_COLORS[v] }} />
              {t(slotStatusKey(v))}
            </span>
          ))}
        </div>
      }
    >
      {day.isPending ? <PageSpinner /> : null}
      {day.isError ? <ErrorAlert error={day.error} onRetry={() => void day.refetch()} /> : null}
      {day.data && !groups.length ? <EmptyState title={t('rounds.grid.empty')} hint={t('rounds.grid.emptyHint')} /> : null}
      {groups.map((g) => {
        const views = g.slots.map((s) => slotView(s, now));
        const due = views.filter((v) => v !== 'upcoming' && v !== 'open').length;
        return (
          <div key={g.key} className={styles.gridRow} data-testid="rounds-grid-row">
            <div>
              <div className={styles.gridTitle}>{g.label}</div>
              <div className={styles.gridMeta}>
                <Tag bordered={false}>{t(`postKinds.${g.postKind}`)}</Tag>
                {g.slots[0]?.itemId ?? ''} {g.slots[0]?.weatherId ? `· ${t('rounds.weatherTask')}` : ''}
              </div>
              <div className={styles.gridMeta}>
                {t('rounds.grid.summary', {
                  met: views.filter((v) => v === 'met').length,
                  due,
                  missed: views.filter((v) => v === 'missed').length,
                })}
              </div>
            </div>
            <div className={styles.cells}>
              {g.slots.map((s, i) => {
                const view = views[i]!;
                const time = formatLocal(s.dueAt, site.timeZone, 'HH:mm');
                const who = s.provedByName && s.provedAt ? ` · ${s.provedByName} ${formatLocal(s.provedAt, site.timeZone, 'HH:mm')}` : '';
                return (
                  <Tooltip key={s.id} title={`${time}–${formatLocal(s.graceEndsAt, site.timeZone, 'HH:mm')} · ${t(slotStatusKey(view))}${who}`}>
                    <span
                      className={`${styles.cell} ${view === 'upcoming' ? styles.cellUpcoming : ''}`}
                      style={view === 'upcoming' ? undefined : { background: SLOT_COLORS[view] }}
                      data-status={view}
                    >
                      {time}
                    </span>
                  </Tooltip>
                );
              })}
            </div>
          </div>
        );
      })}
    </Card>
  );
}
