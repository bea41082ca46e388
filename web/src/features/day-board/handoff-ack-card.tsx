/**
 * The day board's hand-offs: how long each receiving post and each person took to acknowledge
 * the day's hand-offs, against the site's limit (issue 11), and how many visits the day-end
 * timer had to close because nobody recorded the guests leaving.
 */
import { Card, Col, Empty, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayBoard, HandoffTarget } from '@anchang/contracts';

const seconds = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 1000)}s`);

export function HandoffAckCard({ data }: { data: DayBoard['handoffs'] }) {
  const { t } = useTranslation();
  const limitMs = data.ackLimitSeconds * 1000;
  const late = (ms: number | null) => ms !== null && ms > limitMs;
  return (
    <Card
      title={t('consoleShifts.dayBoard.handoffs.title')}
      extra={
        <Typography.Text type="secondary">
          {t('consoleShifts.dayBoard.handoffs.limit', { seconds: data.ackLimitSeconds })}
          {data.closedAtDayEnd ? (
            <Tooltip title={t('consoleShifts.dayBoard.handoffs.closedAtDayEndHint')}>
              <Tag color="orange" style={{ marginInlineStart: 12 }} data-testid="board-closed-at-day-end">
                {t('consoleShifts.dayBoard.handoffs.closedAtDayEnd', { count: data.closedAtDayEnd })}
              </Tag>
            </Tooltip>
          ) : null}
        </Typography.Text>
      }
      style={{ marginBottom: 16 }}
      data-testid="board-handoffs"
    >
      {data.byPost.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consoleShifts.dayBoard.handoffs.none')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={13}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('consoleShifts.dayBoard.handoffs.byPost')}
            </Typography.Title>
            <Table
              rowKey="to"
              size="small"
              pagination={false}
              dataSource={data.byPost}
              data-testid="board-handoffs-by-post"
              columns={[
                { title: t('consoleShifts.dayBoard.handoffs.post'), dataIndex: 'to', render: (to: HandoffTarget) => t(`visits.targets.${to}`) },
                { title: t('consoleShifts.dayBoard.handoffs.sent'), dataIndex: 'sent', align: 'right' },
                {
                  title: t('consoleShifts.dayBoard.handoffs.avg'),
                  dataIndex: 'avgMs',
                  align: 'right',
                  render: (ms: number | null) => <span style={late(ms) ? { color: '#cf1322' } : undefined}>{seconds(ms)}</span>,
                },
                {
                  title: t('consoleShifts.dayBoard.handoffs.max'),
                  dataIndex: 'maxMs',
                  align: 'right',
                  render: (ms: number | null) => <span style={late(ms) ? { color: '#cf1322' } : undefined}>{seconds(ms)}</span>,
                },
                {
                  title: t('consoleShifts.dayBoard.handoffs.rerung'),
                  dataIndex: 'rerung',
                  align: 'right',
                  render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
                },
                {
                  title: t('consoleShifts.dayBoard.handoffs.waiting'),
                  dataIndex: 'waiting',
                  align: 'right',
                  render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
                },
              ]}
            />
          </Col>
          <Col xs={24} xl={11}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('consoleShifts.dayBoard.handoffs.byPerson')}
            </Typography.Title>
            <Table
              rowKey="personId"
              size="small"
              pagination={false}
              dataSource={data.byPerson}
              data-testid="board-handoffs-by-person"
              columns={[
                { title: t('consoleShifts.dayBoard.handoffs.person'), dataIndex: 'personName' },
                { title: t('consoleShifts.dayBoard.handoffs.acked'), dataIndex: 'acked', align: 'right' },
                {
                  title: t('consoleShifts.dayBoard.handoffs.avg'),
                  dataIndex: 'avgMs',
                  align: 'right',
                  render: (ms: number) => <span style={late(ms) ? { color: '#cf1322' } : undefined}>{seconds(ms)}</span>,
                },
                {
                  title: t('consoleShifts.dayBoard.handoffs.max'),
                  dataIndex: 'maxMs',
                  align: 'right',
                  render: (ms: number) => <span style={late(ms) ? { color: '#cf1322' } : undefined}>{seconds(ms)}</span>,
                },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
