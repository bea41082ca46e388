import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';

/** The item's name in the reader's language (Chinese names are what the site calls them). */
export function useItemName() {
  const locale = useLocale();
  return (i: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? i.nameZh : i.nameEn || i.nameZh);
}

/** Below a paged table: how many are loaded, and the next page. */
export function LoadMoreFooter(props: { count: number; hasMore: boolean; loading: boolean; onMore: () => void }) {
  const { t } = useTranslation();
  if (!props.count) return null;
  return (
    <Flex justify="center" align="center" gap={16} style={{ padding: 16 }}>
      <Typography.Text type="secondary">{t('supplies.loaded', { count: props.count })}</Typography.Text>
      {props.hasMore ? (
        <Button onClick={props.onMore} loading={props.loading}>
          {t('supplies.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('supplies.noMore')}</Typography.Text>
      )}
    </Flex>
  );
}

/** A signed quantity: receipts green with a plus, issues red. */
export function Delta({ value }: { value: number }) {
  const color = value > 0 ? '#2f7d32' : value < 0 ? '#c62828' : undefined;
  return <span style={{ color, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{value > 0 ? `+${value}` : value}</span>;
}
