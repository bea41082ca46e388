import { useState } from 'react';
import { App, Button, Flex, Modal, Segmented, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RequisitionToIssue } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PagedTable } from '../../shared/ui/paged-table';
import { useRequisitionsToIssue, useSuppliesMutation, useSupplyStores } from './use-supplies';
import { suppliesApi } from './supplies-api';
import styles from './supplies.module.css';

/** Requisitions the manager approved (HALL-POST-2), issued from a store by whoever keeps it. */
export function RequisitionsTab() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [issued, setIssued] = useState(false);
  const list = useRequisitionsToIssue(site.id, issued);
  const [issuing, setIssuing] = useState<RequisitionToIssue | null>(null);
  const time = (at: number) => formatLocal(at, site.timeZone, 'MM-DD HH:mm');

  const columns: TableColumnsType<RequisitionToIssue> = [
    {
      title: t('supplies.time'),
      dataIndex: 'createdAt',
      width: 120,
      render: (at: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{time(at)}</span>,
    },
    { title: t('supplies.requisitions.requester'), dataIndex: 'requestedByName', width: 180 },
    {
      title: t('supplies.requisitions.lines'),
      key: 'lines',
      render: (_, r) => (
        <div className={styles.lineList}>
          {r.lines.map((l, i) => (
            <span key={i}>
              {l.name}
              <Typography.Text type="secondary"> × </Typography.Text>
              <Typography.Text strong>{l.quantity}</Typography.Text> {l.unit}{' '}
              {l.itemId ? null : (
                <Tooltip title={t('supplies.requisitions.notLinkedHint')}>
                  <Tag color="orange">{t('supplies.requisitions.notLinked')}</Tag>
                </Tooltip>
              )}
            </span>
          ))}
          {r.note ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.note}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: issued ? t('supplies.requisitions.issued') : t('supplies.requisitions.toIssue'),
      key: 'state',
      width: 260,
      render: (_, r) =>
        r.issuedAt ? (
          <Tag color="green" variant="filled">
            {t('supplies.requisitions.issuedFrom', { time: time(r.issuedAt), store: r.issuedFromStoreName ?? '' })}
          </Tag>
        ) : (
          <Flex align="center" gap={12}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.decidedAt ? t('supplies.requisitions.approvedAt', { time: time(r.decidedAt) }) : null}
            </Typography.Text>
            <Button type="primary" size="small" icon={<ExportOutlined />} onClick={() => setIssuing(r)} data-testid="issue-requisition">
              {t('supplies.issue')}
            </Button>
          </Flex>
        ),
    },
  ];

  return (
    <>
      <Flex style={{ padding: 16 }}>
        <Segmented<'to' | 'done'>
          value={issued ? 'done' : 'to'}
          onChange={(v) => setIssued(v === 'done')}
          options={[
            { value: 'to', label: t('supplies.requisitions.toIssue') },
            { value: 'done', label: t('supplies.requisitions.issued') },
          ]}
        />
      </Flex>
      <PagedTable<RequisitionToIssue>
        query={list}
        rowKey="requisitionId"
        columns={columns}
        empty={issued ? { title: t('supplies.empty.issued') } : { title: t('supplies.empty.toIssue'), hint: t('supplies.empty.toIssueHint') }}
      />
      <IssueModal requisition={issuing} onClose={() => setIssuing(null)} />
    </>
  );
}

function IssueModal({ requisition, onClose }: { requisition: RequisitionToIssue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const stores = useSupplyStores(site.id);
  const [storeId, setStoreId] = useState<string | undefined>();
  const issue = useSuppliesMutation(site.id, ({ id, store }: { id: string; store: string }) => suppliesApi.issueRequisition(site.id, id, store));
  const submit = async () => {
    if (!requisition || !storeId) return;
    try {
      await issue.mutateAsync({ id: requisition.requisitionId, store: storeId });
      void message.success(t('supplies.issued'));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  return (
    <Modal
      open={!!requisition}
      title={t('supplies.requisitions.issueTitle')}
      okText={t('supplies.requisitions.issueOk')}
      okButtonProps={{ disabled: !storeId }}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={issue.isPending}
      afterOpenChange={(open) => {
        if (open) setStoreId(stores.data?.items.length === 1 ? stores.data.items[0]!.id : undefined);
      }}
    >
      {requisition ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {requisition.requestedByName} · {requisition.lines.map((l) => `${l.name} × ${l.quantity} ${l.unit}`).join(t('common.listSeparator'))}
        </Typography.Paragraph>
      ) : null}
      <Typography.Text strong>{t('supplies.requisitions.issueFrom')}</Typography.Text>
      <Select
        value={storeId}
        onChange={setStoreId}
        placeholder={t('supplies.chooseStore')}
        options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        style={{ width: '100%', marginTop: 8 }}
        data-testid="issue-store"
      />
    </Modal>
  );
}
