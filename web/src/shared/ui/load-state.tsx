import type { ReactNode } from 'react';
import { Alert, Button, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';

export function PageSpinner({ tip }: { tip?: string }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }} data-testid="page-spinner">
      <Spin size="large" description={tip} />
    </Flex>
  );
}

/** A failed load: the translated reason and a retry, instead of a blank page. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={describeError(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * What an empty table or list shows, by the state of its load: the empty state only once the load
 * succeeded with nothing in it. While loading, or after a failure (the ErrorAlert above says why),
 * it stays blank: "加载失败" beside "没有未处理的异常" would tell a manager there is nothing to do.
 */
export function emptyOnceLoaded(query: { status: 'pending' | 'error' | 'success' }, empty: ReactNode): ReactNode {
  return query.status === 'success' ? empty : ' ';
}
