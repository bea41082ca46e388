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
