import { useMemo } from 'react';
import { App, Avatar, Button, Card, Col, Flex, Form, Input, Row, Select, Tag, Tooltip, Typography } from 'antd';
import { NotificationOutlined, SendOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { formatDateTime, formatRelative } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ItemList, ItemRow } from '../../shared/ui/item-list';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedFooter } from '../../shared/ui/paged-table';
import { usePeople } from '../people/use-people';
import { flattenPages, useNotifications, useSendNotification } from './use-notifications';

interface Values {
  title: string;
  body?: string;
  toPersonId?: string | null;
}

/** Compose a notice (pushed live to staff phones) and see what was sent. */
export function NoticesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [form] = Form.useForm<Values>();
  const send = useSendNotification(site.id);
  const notifications = useNotifications(site.id);
  const people = usePeople(site.id);
  const items = useMemo(() => flattenPages(notifications.data), [notifications.data]);
  const nameById = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p.name])), [people.data]);

  const submit = async (values: Values) => {
    try {
      await send.mutateAsync({
        title: values.title.trim(),
        body: values.body?.trim() ?? '',
        ...(values.toPersonId ? { toPersonId: values.toPersonId } : {}),
      });
      void message.success(t('notices.sent'));
      form.resetFields();
    } catch (error) {
      if (!applyFieldError(form, error, { PERSON_NOT_FOUND: 'toPersonId' })) void message.error(describeError(error));
    }
  };

  return (
    <>
      <PageHeader title={t('notices.title')} subtitle={t('notices.subtitle')} />
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={10}>
          <Card title={t('notices.compose')}>
            <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} name="notice" requiredMark="optional">
              <Form.Item
                name="title"
                label={t('notices.noticeTitle')}
                rules={[{ required: true, whitespace: true, message: t('notices.titleRequired') }, { max: 80 }]}
              >
                <Input placeholder={t('notices.titlePlaceholder')} maxLength={80} showCount />
              </Form.Item>
              <Form.Item name="body" label={t('notices.body')} rules={[{ max: 1000 }]}>
                <Input.TextArea placeholder={t('notices.bodyPlaceholder')} autoSize={{ minRows: 4, maxRows: 10 }} maxLength={1000} showCount />
              </Form.Item>
              <Form.Item name="toPersonId" label={t('notices.recipient')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('notices.everyone')}
                  loading={people.isPending}
                  options={(people.data ?? []).filter((p) => p.isActive).map((p) => ({ value: p.id, label: `${p.name} (${p.login})` }))}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={send.isPending} block>
                {t('notices.send')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('notices.history')} styles={{ body: { paddingTop: 8 } }}>
            {notifications.isError ? <ErrorAlert error={notifications.error} onRetry={() => void notifications.refetch()} /> : null}
            <ItemList
              loading={notifications.isPending}
              items={items}
              rowKey={(n) => n.id}
              empty={emptyOnceLoaded(notifications, <EmptyState title={t('notices.empty')} />)}
              renderItem={(n) => (
                <ItemRow
                  testId="notice-item"
                  avatar={
                    <Avatar style={{ background: '#e8f0fb', color: '#1e5aa8' }} icon={n.toPersonId ? <UserOutlined /> : <NotificationOutlined />} />
                  }
                  title={
                    <Flex justify="space-between" gap={12}>
                      <Typography.Text strong>{n.title}</Typography.Text>
                      <Tooltip title={formatDateTime(n.createdAt, site.timeZone)}>
                        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap', fontWeight: 'normal' }}>
                          {formatRelative(n.createdAt)}
                        </Typography.Text>
                      </Tooltip>
                    </Flex>
                  }
                  description={
                    <>
                      {n.body ? <Typography.Paragraph style={{ marginBottom: 6, whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph> : null}
                      <Flex gap={8} wrap>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('notices.from', { name: n.fromName })}
                        </Typography.Text>
                        {n.toPersonId ? (
                          <Tag color="blue">{t('notices.to', { name: nameById.get(n.toPersonId) ?? '…' })}</Tag>
                        ) : (
                          <Tag>{t('notices.toEveryone')}</Tag>
                        )}
                      </Flex>
                    </>
                  }
                />
              )}
            />
            <PagedFooter query={notifications} count={items.length} loadedText={false} style={{ paddingTop: 12 }} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
