import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_SEVERITY_LABELS, type SummaryCount, type SummarySection } from '@anchang/contracts';
import { addDays, dateToPicker, isLocalDate, pickerToDate, todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { useDailyCustomerSummary } from './feedback-api';
import styles from './customer-summary.module.css';

/** A name from a bilingual table in contracts (complaint categories and severities), the key itself when unknown. */
function bilingual(table: Readonly<Record<string, { zh: string; en: string }>>, key: string, language: string): string {
  const names = table[key];
  return names ? (language === 'en-US' ? names.en : names.zh) : key;
}

/** How each breakdown's keys read; a breakdown another module adds reads its labels or keys until it is given one. */
function itemLabel(t: TFunction, language: string, breakdown: string, item: SummaryCount): string {
  switch (breakdown) {
    case 'npsGroup':
      return t(`customerFeedback.summary.npsGroups.${item.key}`, { defaultValue: item.key });
    case 'ratingsByPost':
      return item.label ?? item.key;
    case 'complaintCategory':
      return bilingual(COMPLAINT_CATEGORY_LABELS, item.key, language);
    case 'complaintSeverity':
      return bilingual(COMPLAINT_SEVERITY_LABELS, item.key, language);
    case 'byHour':
      return t('customerFeedback.summary.hour', { hour: item.key });
    case 'arrivalMode':
      return t(`visits.modes.${item.key}`, { defaultValue: item.key });
    case 'stage':
      return t(`visits.stages.${item.key}`, { defaultValue: item.key });
    case 'category':
      return t(`consoleShifts.opinionCategories.${item.key}`, { defaultValue: item.key });
    case 'post':
      return item.label ?? t('customerFeedback.summary.noPost');
    case 'intention':
      return t(`customerFeedback.intentions.${item.key}`, { defaultValue: item.key });
    case 'channel':
      return t(`customerFeedback.channels.${item.key}`, { defaultValue: item.key });
    default:
      return item.label ?? item.key;
  }
}

function entryTag(t: TFunction, language: string, section: string, tag: string): string {
  if (section === 'complaints') {
    // The complaints section tags a line "severity:category".
    const [severity = '', category = ''] = tag.split(':');
    return `${bilingual(COMPLAINT_SEVERITY_LABELS, severity, language)} · ${bilingual(COMPLAINT_CATEGORY_LABELS, category, language)}`;
  }
  if (section === 'opinions') return t(`consoleShifts.opinionCategories.${tag}`, { defaultValue: tag });
  if (section === 'feedback-forms') return t(`customerFeedback.kindsShort.${tag}`, { defaultValue: tag });
  return tag;
}

const TAG_COLORS: Record<string, string> = { opinion: 'blue', suggestion: 'green', problem: 'red', model_room: 'purple', parking: 'cyan' };
const SEVERITY_COLORS: Record<string, string> = { normal: 'gold', serious: 'orange', urgent: 'red' };
const tagColor = (section: string, tag: string) =>
  (section === 'complaints' ? SEVERITY_COLORS[tag.split(':')[0] ?? ''] : TAG_COLORS[tag]) ?? 'default';

/**
 * 每日客户信息汇总: the day the manager is told of at closing time — visitors, opinions, the
 * feedback forms, and whatever sections other modules add — for today so far or any past day.
 */
export function CustomerSummaryPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const today = todayAt(site.timeZone);
  const [params, setParams] = useSearchParams();
  const requested = params.get('date');
  const date = isLocalDate(requested) && requested <= today ? requested : today;
  const day = useDailyCustomerSummary(site.id, date);
  const data = day.data?.date === date ? day.data : undefined;
  const goTo = (next: string) => setParams(next >= today ? {} : { date: next });

  return (
    <>
      <PageHeader
        title={t('customerFeedback.summary.title')}
        subtitle={t('customerFeedback.summary.subtitle', { time: data?.closingTime ?? '18:00' })}
        extra={
          data && !data.isClosedDay ? (
            <Typography.Text type="secondary" data-testid="summary-send-time">
              {date === today && formatLocal(Date.now(), site.timeZone, 'HH:mm') < data.closingTime
                ? t('customerFeedback.summary.willSendAt', { time: data.closingTime })
                : t('customerFeedback.summary.sentAt', { time: `${date} ${data.closingTime}` })}
            </Typography.Text>
          ) : null
        }
      />
      <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
        <Button icon={<LeftOutlined />} onClick={() => goTo(addDays(date, -1))} aria-label={t('consoleShifts.dayBoard.prevDay')} />
        <DatePicker
          value={dateToPicker(date)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
          onChange={(value) => value && goTo(pickerToDate(value))}
          style={{ width: 160 }}
          aria-label={t('consoleShifts.dayBoard.pickDate')}
        />
        <Button
          icon={<RightOutlined />}
          disabled={date === today}
          onClick={() => goTo(addDays(date, 1))}
          aria-label={t('consoleShifts.dayBoard.nextDay')}
        />
        <Button onClick={() => goTo(today)} disabled={date === today}>
          {t('consoleShifts.dayBoard.today')}
        </Button>
      </Flex>
      {day.isError ? <ErrorAlert error={day.error} onRetry={() => void day.refetch()} /> : null}
      {!data ? (
        day.isError ? null : (
          <PageSpinner />
        )
      ) : (
        <>
          {data.isClosedDay ? <Alert type="info" showIcon message={t('customerFeedback.summary.closedDay')} style={{ marginBottom: 16 }} /> : null}
          <Row gutter={[20, 20]}>
            {data.sections.map((section) => (
              <Col key={section.key} xs={24} xl={section.key === 'visitors' ? 24 : 12}>
                <SectionCard section={section} timeZone={site.timeZone} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}

function SectionCard({ section, timeZone }: { section: SummarySection; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const isEmpty = section.figures.every((f) => f.value === 0) && section.entries.length === 0;
  return (
    <Card
      title={t(`customerFeedback.summary.sections.${section.key}`, { defaultValue: section.key })}
      style={{ height: '100%' }}
      data-testid={`summary-${section.key}`}
    >
      <div className={styles.figures}>
        {section.figures.map((f) => (
          <Statistic key={f.key} title={t(`customerFeedback.summary.figures.${f.key}`, { defaultValue: f.key })} value={f.value} />
        ))}
      </div>
      {isEmpty ? (
        <Typography.Text type="secondary">{t('customerFeedback.summary.nothing')}</Typography.Text>
      ) : (
        <>
          <div className={styles.breakdowns}>
            {section.breakdowns
              .filter((b) => b.items.length > 0)
              .map((b) => {
                const max = Math.max(...b.items.map((i) => i.count));
                return (
                  <div key={b.key}>
                    <div className={styles.breakdownTitle}>{t(`customerFeedback.summary.breakdowns.${b.key}`, { defaultValue: b.key })}</div>
                    {b.items.map((item) => (
                      <div key={item.key} className={styles.bar}>
                        <span className={styles.barLabel}>{itemLabel(t, i18n.language, b.key, item)}</span>
                        <span className={styles.barTrack}>
                          <span className={styles.barFill} style={{ width: `${(item.count / max) * 100}%`, display: 'block' }} />
                        </span>
                        <span className={styles.barCount}>{item.count}</span>
                      </div>
                    ))}
                  </div>
                );
              })}
          </div>
          {section.entries.length ? (
            <div style={{ marginTop: 12 }}>
              {section.entries.map((e) => (
                <div key={e.id} className={styles.entry}>
                  {e.tag ? (
                    <Tag color={tagColor(section.key, e.tag)} style={{ flex: 'none', marginTop: 2 }}>
                      {entryTag(t, i18n.language, section.key, e.tag)}
                    </Tag>
                  ) : null}
                  <div className={styles.entryBody}>
                    <Typography.Text>{e.text || '—'}</Typography.Text>
                    <span className={styles.entryMeta}>
                      {e.who}
                      {e.at ? ` · ${formatLocal(e.at, timeZone, 'HH:mm')}` : ''}
                    </span>
                  </div>
                </div>
              ))}
              {section.moreEntries ? (
                <Typography.Text type="secondary">{t('customerFeedback.summary.more', { count: section.moreEntries })}</Typography.Text>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
