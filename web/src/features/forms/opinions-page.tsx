import { useSearchParams } from 'react-router';
import { Badge, Button, Card, Col, DatePicker, Flex, Row, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CustomerOpinion } from '@anchang/contracts';
import { addDays, dateToPicker, isLocalDate, pickerToDate, todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { useOpinionDay } from './use-opinions';

const CATEGORY_COLORS: Record<CustomerOpinion['category'], string> = { opinion: 'blue', suggestion: 'green', problem: 'red' };

/** 客户意见: what customers said to each post during a day (客户信息收集反馈), for the site manager. */
export function OpinionsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const today = todayAt(site.timeZone);
  const [params, setParams] = useSearchParams();
  const requested = params.get('date');
  const date = isLocalDate(requested) && requested <= today ? requested : today;
  const day = useOpinionDay(site.id, date);
  const data = day.data?.date === date ? day.data : undefined;
  const goTo = (next: string) => setParams(next >= today ? {} : { date: next });

  return (
    <>
      <PageHeader
        title={t('consoleShifts.opinions.title')}
        subtitle={t('consoleShifts.opinions.subtitle')}
        extra={data ? <Typography.Text type="secondary">{t('consoleShifts.opinions.total', { count: data.total })}</Typography.Text> : null}
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
      ) : !data.byPost.length ? (
        <Card>
          <EmptyState title={t('consoleShifts.opinions.empty')} hint={t('consoleShifts.opinions.emptyHint')} />
        </Card>
      ) : (
        <Row gutter={[20, 20]}>
          {data.byPost.map((group) => (
            <Col key={group.postId ?? 'none'} xs={24} lg={12}>
              <Card
                title={group.postName || t('consoleShifts.opinions.noPost')}
                extra={<Badge count={group.count} color="#1e5aa8" showZero />}
                style={{ height: '100%' }}
                data-testid="opinion-group"
              >
                <Flex vertical gap={12}>
                  {group.opinions.map((o) => (
                    <Flex key={o.id} gap={10} align="flex-start" data-testid="opinion">
                      <Tag color={CATEGORY_COLORS[o.category]} style={{ flex: 'none', marginTop: 2 }}>
                        {t(`consoleShifts.opinionCategories.${o.category}`)}
                      </Tag>
                      <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                        <Typography.Text>{o.text}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {o.personName} · {formatLocal(o.createdAt, site.timeZone, 'HH:mm')}
                        </Typography.Text>
                      </Flex>
                    </Flex>
                  ))}
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
