import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Flex, Form, Input, Modal, Segmented, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Requisition } from '@anchang/contracts';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { REQUISITION_FILTERS, useDecideRequisition, useRequisitions, type RequisitionFilter } from './use-requisitions';

const STATUS_COLORS: Record<Requisition['status'], string> = { pending: 'gold', approved: 'green', rejected: 'red' };
const isFilter = (value: string | null): value is RequisitionFilter => (REQUISITION_FILTERS as readonly (string | null)[]).includes(value);

type Decision = { requisition: Requisition; decision: 'approved' | 'rejected' };

/** 物资申请: what staff asked for at the end of their shift, for the site manager to approve. */
export function RequisitionsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const filter: RequisitionFilter = isFilter(requested) ? requested : 'pending';
  const list = useRequisitions(site.id, filter);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const editable = canManageSite(site.role);

  const columns: TableColumnsType<Requisition> = [
    {
      title: t('consoleShifts.requisitions.time'),
      dataIndex: 'createdAt',
      width: 120,
      render: (at: number) => (
        <Tooltip title={formatDateTime(at, site.timeZone)}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatLocal(at, site.timeZone, 'MM-DD HH:mm')}</span>
        </Tooltip>
      ),
    },
    {
      title: t('consoleShifts.requisitions.requester'),
      key: 'requester',
      width: 170,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.requestedByName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.postName ?? t('consoleShifts.requisitions.noPost')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('consoleShifts.requisitions.lines'),
      key: 'lines',
      render: (_, r) => (
        <Flex vertical gap={2} data-testid="requisition-lines">
          {r.lines.map((line, i) => (
            <span key={i}>
              {line.name}
              <Typography.Text type="secondary"> × </Typography.Text>
              <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                {line.quantity}
              </Typography.Text>{' '}
              {line.unit}
            </span>
          ))}
          {r.note ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('consoleShifts.requisitions.noteLine', { note: r.note })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('consoleShifts.requisitions.status'),
      key: 'status',
      width: 230,
      render: (_, r) => (
        <Flex vertical gap={4} align="flex-start">
          <Tag color={STATUS_COLORS[r.status]} variant="filled">
            {t(`consoleShifts.requisitions.statuses.${r.status}`)}
          </Tag>
          {r.decidedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatLocal(r.decidedAt, site.timeZone, 'MM-DD HH:mm')}
              {r.decisionNote ? ` · ${r.decisionNote}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, r: Requisition) =>
              r.status === 'pending' ? (
                <Space size={0}>
                  <Button type="link" icon={<CheckOutlined />} onClick={() => setDeciding({ requisition: r, decision: 'approved' })}>
                    {t('consoleShifts.requisitions.approve')}
                  </Button>
                  <Button type="link" danger icon={<CloseOutlined />} onClick={() => setDeciding({ requisition: r, decision: 'rejected' })}>
                    {t('consoleShifts.requisitions.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('consoleShifts.requisitions.title')}
        subtitle={t('consoleShifts.requisitions.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }}>
          <Segmented<RequisitionFilter>
            value={filter}
            onChange={(value) => setParams(value === 'pending' ? {} : { status: value }, { replace: true })}
            options={REQUISITION_FILTERS.map((f) => ({ value: f, label: t(`consoleShifts.requisitions.filters.${f}`) }))}
          />
        </Flex>
        <PagedTable<Requisition>
          query={list}
          rowKey="id"
          columns={columns}
          onRow={() => ({ 'data-testid': 'requisition-row' })}
          empty={{ title: t(`consoleShifts.requisitions.empty.${filter}`), hint: t('consoleShifts.requisitions.emptyHint') }}
        />
      </Card>
      {editable ? <DecideModal siteId={site.id} deciding={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}

function DecideModal({ siteId, deciding, onClose }: { siteId: string; deciding: Decision | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideRequisition(siteId);
  const approving = deciding?.decision === 'approved';

  useEffect(() => {
    if (deciding) form.resetFields();
  }, [deciding, form]);

  const submit = async () => {
    if (!deciding) return;
    const { note } = await form.validateFields();
    try {
      await decide.mutateAsync({
        id: deciding.requisition.id,
        input: { decision: deciding.decision, ...(note?.trim() ? { note: note.trim() } : {}) },
      });
      void message.success(approving ? t('consoleShifts.requisitions.approved') : t('consoleShifts.requisitions.rejected'));
      onClose();
    } catch (error) {
      if (isApiError(error, 'REQUISITION_ALREADY_DECIDED')) {
        void message.warning(describeError(error));
        onClose(); // the list refetches and shows the decision already taken
      } else {
        void message.error(describeError(error));
      }
    }
  };

  return (
    <Modal
      open={!!deciding}
      title={approving ? t('consoleShifts.requisitions.approveTitle') : t('consoleShifts.requisitions.rejectTitle')}
      okText={approving ? t('consoleShifts.requisitions.approve') : t('consoleShifts.requisitions.reject')}
      okButtonProps={{ danger: !approving }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      forceRender
    >
      {deciding ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {deciding.requisition.requestedByName} ·{' '}
          {deciding.requisition.lines.map((l) => `${l.name} × ${l.quantity} ${l.unit}`).join(t('common.listSeparator'))}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" name="requisition-decision">
        <Form.Item
          name="note"
          label={t('consoleShifts.requisitions.decisionNote')}
          rules={approving ? [] : [{ required: true, whitespace: true, message: t('consoleShifts.requisitions.rejectReasonRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            showCount
            placeholder={approving ? t('consoleShifts.requisitions.approveNotePlaceholder') : t('consoleShifts.requisitions.rejectNotePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
