import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DismissalRecommendation } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { assessmentApi, useAssessmentWrite, useRecommendations } from './assessment-api';
import { OUTCOME_COLORS } from './assessment-page';

/** 辞退建议: two failing months call for a person to decide; the evidence of both months beside the decision. */
export function RecommendationsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const list = useRecommendations(site.id);
  const [deciding, setDeciding] = useState<DismissalRecommendation | null>(null);
  return (
    <>
      <PageHeader title={t('assessment.recTitle')} subtitle={t('assessment.recSubtitle')} />
      {list.isPending ? <PageSpinner /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.length === 0 ? <EmptyState title={t('assessment.recEmpty')} /> : null}
      <Flex vertical gap={16}>
        {(list.data ?? []).map((r) => (
          <Card
            key={r.id}
            data-testid="recommendation"
            title={
              <Space>
                {r.personName}
                <Typography.Text type="secondary">
                  {t('assessment.recMonths', { first: r.months[0]?.month ?? '', second: r.months[1]?.month ?? '' })}
                </Typography.Text>
              </Space>
            }
            extra={
              r.status === 'open' && site.role === 'company_admin' ? (
                <Button type="primary" onClick={() => setDeciding(r)}>
                  {t('assessment.decide')}
                </Button>
              ) : (
                <Tag>{t(`assessment.recStatuses.${r.status}`)}</Tag>
              )
            }
          >
            <Flex gap={24} wrap>
              {r.months.map((m) => (
                <Flex key={m.id} vertical gap={4} style={{ minWidth: 260 }}>
                  <Space>
                    <Typography.Text strong>{m.month}</Typography.Text>
                    <Typography.Text>{m.total}</Typography.Text>
                    <Tag color={OUTCOME_COLORS[m.outcome]}>{t(`assessment.outcomes.${m.outcome}`)}</Tag>
                  </Space>
                  {m.lines
                    .filter((l) => l.weight > 0 && l.points < l.weight)
                    .map((l) => (
                      <Typography.Text key={l.key} type="secondary" style={{ fontSize: 12 }}>
                        {t(`assessment.lines.${l.key}`)} {t('assessment.points', { points: l.points, weight: l.weight })} —{' '}
                        {t(`assessment.lineHints.${l.key}`, m.figures)}
                      </Typography.Text>
                    ))}
                </Flex>
              ))}
            </Flex>
            {r.reason ? (
              <Typography.Paragraph style={{ marginTop: 12 }}>{t('assessment.decidedReason', { reason: r.reason })}</Typography.Paragraph>
            ) : null}
          </Card>
        ))}
      </Flex>
      {deciding ? <DecideModal recommendation={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}

function DecideModal({ recommendation, onClose }: { recommendation: DismissalRecommendation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [form] = Form.useForm<{ decision: 'dismiss' | 'keep'; reason: string }>();
  const decide = useAssessmentWrite(site.id, (v: { decision: 'dismiss' | 'keep'; reason: string }) =>
    assessmentApi.decideRecommendation(site.id, recommendation.id, v),
  );
  return (
    <Modal
      open
      title={`${t('assessment.decide')} · ${recommendation.personName}`}
      okText={t('assessment.save')}
      cancelText={t('assessment.cancel')}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) => decide.mutate(v, { onSuccess: onClose, onError: (e) => void message.error(describeError(e)) }))
      }
    >
      <Form form={form} layout="vertical" initialValues={{ decision: 'keep', reason: '' }}>
        <Form.Item name="decision" label={t('assessment.decision')}>
          <Radio.Group
            options={[
              { value: 'keep', label: t('assessment.keep') },
              { value: 'dismiss', label: t('assessment.dismiss') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('assessment.reason')}
          rules={[{ required: true, whitespace: true, message: t('assessment.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
