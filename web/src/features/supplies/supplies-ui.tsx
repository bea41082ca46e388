import { useLocale } from '../../i18n';

/** The item's name in the reader's language (Chinese names are what the site calls them). */
export function useItemName() {
  const locale = useLocale();
  return (i: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? i.nameZh : i.nameEn || i.nameZh);
}

/** A signed quantity: receipts green with a plus, issues red. */
export function Delta({ value }: { value: number }) {
  const color = value > 0 ? '#2f7d32' : value < 0 ? '#c62828' : undefined;
  return <span style={{ color, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{value > 0 ? `+${value}` : value}</span>;
}
