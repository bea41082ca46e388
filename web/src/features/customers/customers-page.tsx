import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Flex, Input, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, FileExcelOutlined, FileTextOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@anchang/contracts';
import { CUSTOMER_RETENTION_DEFAULT_DAYS } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { useSite } from '../sites/use-sites';
import { customersApi, saveFile, useCustomerActions, useCustomers } from './customers-api';

const PHONE_QUERY = /^[0-9]{4,11}$/;

/**
 * 客户信息: a customer's rights under PIPL, answered by the site's managers. Find the customer by
 * phone (numbers masked in the list), then export everything held about them, record that they
 * withdrew consent, or erase them, each after a confirmation and each written to the audit log.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const site = useCurrentSite();
  const details = useSite(site.id);
  const [typed, setTyped] = useState('');
  const [phone, setPhone] = useState('');
  const list = useCustomers(site.id, phone);
  const actions = useCustomerActions(site.id);
  const [busy, setBusy] = useState<string | null>(null);
  const days = details.data?.customerRetentionDays ?? CUSTOMER_RETENTION_DEFAULT_DAYS;
  const searchInvalid = typed !== '' && !PHONE_QUERY.test(typed);

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (error) {
      void message.error(describeError(error));
    } finally {
      setBusy(null);
    }
  };
  const exportJson = (c: Customer) =>
    run(`json:${c.id}`, async () => {
      const data = await customersApi.exportJson(site.id, c.id);
      saveFile(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
        t('customers.fileName', { phone: c.phoneMasked.replace(/\*/g, 'x'), ext: 'json' }),
      );
      void message.success(t('customers.exported'));
    });
  const exportXlsx = (c: Customer) =>
    run(`xlsx:${c.id}`, async () => {
      saveFile(
        await customersApi.exportXlsx(site.id, c.id, locale),
        t('customers.fileName', { phone: c.phoneMasked.replace(/\*/g, 'x'), ext: 'xlsx' }),
      );
      void message.success(t('customers.exported'));
    });
  const withdraw = (c: Customer) =>
    modal.confirm({
      title: t('customers.withdrawTitle'),
      content: t('customers.withdrawBody'),
      okText: t('customers.withdraw'),
      onOk: () =>
        actions.withdraw
          .mutateAsync(c.id)
          .then(() => void message.success(t('customers.withdrawDone')))
          .catch((error: unknown) => void message.error(describeError(error))),
    });
  const erase = (c: Customer) =>
    modal.confirm({
      title: t('customers.eraseTitle', { phone: c.phoneMasked }),
      content: t('customers.eraseBody'),
      okText: t('customers.eraseConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'erase-confirm' },
      onOk: () =>
        actions.erase
          .mutateAsync(c.id)
          .then((r) =>
            message.success(
              t('customers.eraseDone', {
                visits: r.visitsAnonymised,
                checks: r.vehicleChecksErased,
                photos: r.photosDeleted,
                lost: r.lostItemsErased,
              }),
            ),
          )
          .catch((error: unknown) => void message.error(describeError(error))),
    });

  const columns: TableColumnsType<Customer> = [
    {
      title: t('customers.phone'),
      dataIndex: 'phoneMasked',
      width: 140,
      render: (masked: string) => <span style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: 0.5 }}>{masked}</span>,
    },
    {
      title: t('customers.name'),
      dataIndex: 'name',
      width: 120,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('customers.visits'), dataIndex: 'visitCount', width: 90, render: (n: number) => t('customers.visitCount', { count: n }) },
    {
      title: t('customers.lastVisit'),
      key: 'lastVisit',
      width: 150,
      render: (_, c) => (
        <Tooltip title={`${t('customers.firstSeen')} ${formatDateTime(c.firstSeenAt, site.timeZone)}`}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatLocal(c.lastVisitAt, site.timeZone, 'YYYY-MM-DD HH:mm')}</span>
        </Tooltip>
      ),
    },
    {
      title: t('customers.consent'),
      key: 'consent',
      width: 110,
      render: (_, c) =>
        c.consentWithdrawnAt === null ? (
          <Tooltip title={formatDateTime(c.consentAt, site.timeZone)}>
            <Tag color="green" variant="filled">
              {t('customers.consented')}
            </Tag>
          </Tooltip>
        ) : (
          <Tooltip title={t('customers.withdrawnAt', { at: formatDateTime(c.consentWithdrawnAt, site.timeZone) })}>
            <Tag color="orange" variant="filled" data-testid="consent-withdrawn">
              {t('customers.withdrawn')}
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: t('customers.actions'),
      key: 'actions',
      width: 380,
      render: (_, c) => (
        <Space size={4} wrap>
          <Button size="small" icon={<FileTextOutlined />} loading={busy === `json:${c.id}`} onClick={() => void exportJson(c)}>
            {t('customers.exportJson')}
          </Button>
          <Button size="small" icon={<FileExcelOutlined />} loading={busy === `xlsx:${c.id}`} onClick={() => void exportXlsx(c)}>
            {t('customers.exportXlsx')}
          </Button>
          <Button size="small" icon={<StopOutlined />} disabled={c.consentWithdrawnAt !== null} onClick={() => withdraw(c)}>
            {t('customers.withdraw')}
          </Button>
          <Button size="small" danger icon={<DeleteOutlined />} onClick={() => erase(c)} data-testid="customer-erase">
            {t('customers.erase')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('customers.intro', { days })}
        action={
          <Link to={`/sites/${site.id}/settings`}>
            <Button size="small" type="link">
              {t('customers.retentionLink')}
            </Button>
          </Link>
        }
      />
      <Card>
        <Flex gap={12} align="flex-start" style={{ marginBottom: 16 }}>
          <div style={{ width: 320 }}>
            <Input.Search
              allowClear
              inputMode="numeric"
              placeholder={t('customers.search')}
              value={typed}
              maxLength={11}
              status={searchInvalid ? 'error' : undefined}
              onChange={(e) => {
                const digits = e.target.value.replace(/\D/g, '');
                setTyped(digits);
                if (digits === '') setPhone('');
              }}
              onSearch={(value) => {
                if (value === '' || PHONE_QUERY.test(value)) setPhone(value);
              }}
              data-testid="customer-search"
            />
            <Typography.Text type={searchInvalid ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {searchInvalid ? t('customers.searchInvalid') : t('customers.searchHint')}
            </Typography.Text>
          </div>
        </Flex>
        <PagedTable<Customer>
          query={list}
          rowKey="id"
          columns={columns}
          empty={{ title: t('customers.empty'), hint: t('customers.emptyHint') }}
          loadedText={false}
          flush={false}
          testId="customers-table"
        />
      </Card>
    </>
  );
}
