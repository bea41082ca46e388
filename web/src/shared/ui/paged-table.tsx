/**
 * A console list that pages by cursor: an antd Table over the pages a useInfiniteQuery has
 * loaded, the load-failed alert with its retry, the empty state once the load succeeded with
 * nothing, and below the rows how many are loaded and the next page (or "no more").
 *
 * Every console list page used to draw this by hand, a dozen copies that each drifted a little
 * (which count text, when the footer shows, what an empty list says after a failure). One place
 * keeps their loading, empty, failed and paging states alike.
 */
import { isValidElement, useMemo, type CSSProperties, type HTMLAttributes, type ReactElement, type ReactNode } from 'react';
import { Button, Flex, Table, Typography, type TableProps } from 'antd';
import type { InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PageOf } from '@anchang/contracts';
import { EmptyState } from './empty-state';
import { emptyOnceLoaded, ErrorAlert } from './load-state';

/** What a paged list reads of a useInfiniteQuery result whose pages are `PageOf<T>`. */
export interface PagedQuery<T> {
  data: InfiniteData<PageOf<T>, unknown> | undefined;
  status: 'pending' | 'error' | 'success';
  error: unknown;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

/** Props of a table row: DOM attributes plus data-* ones (test ids, ids for the tests to find). */
export type RowProps = HTMLAttributes<HTMLElement> & { [data: `data-${string}`]: string | undefined };

export interface PagedTableProps<T> extends Pick<TableProps<T>, 'columns' | 'rowKey' | 'rowClassName'> {
  query: PagedQuery<T>;
  /** The rows to show, when the page orders the loaded ones itself; all loaded, in order, by default. */
  items?: readonly T[];
  /** Shown once the load succeeded with no rows: EmptyState's title and hint, or a node of the page's own. */
  empty: { title: string; hint?: string } | ReactElement;
  /** The count beside the next-page button ("已加载 N 条" by default); false for the button alone, and only while there is more. */
  loadedText?: ((count: number) => ReactNode) | false;
  onRow?: (row: T) => RowProps;
  size?: TableProps<T>['size'];
  /** data-testid of the table. */
  testId?: string;
  /**
   * Horizontal scroll: by default the table is never narrower than its columns' widths (unsized
   * ones counted at UNSIZED_COLUMN_WIDTH), so on a phone it scrolls inside itself instead of
   * squeezing each header to a column of single characters.
   */
  scroll?: TableProps<T>['scroll'];
  /**
   * The table runs to the edges of a card whose body has no padding, as on most list pages: the
   * alert and the footer keep 16px from the edges. False inside a padded card.
   */
  flush?: boolean;
}

export function PagedTable<T extends object>({
  query,
  items,
  empty,
  loadedText,
  onRow,
  size = 'middle',
  testId,
  flush = true,
  scroll,
  ...table
}: PagedTableProps<T>) {
  const loaded = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const minWidth = useMemo(() => columnsWidth(table.columns ?? []), [table.columns]);
  const rows = items ?? loaded;
  return (
    <>
      {query.status === 'error' ? (
        <div style={flush ? { padding: '0 16px' } : undefined}>
          <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<T>
        {...table}
        scroll={scroll ?? { x: minWidth }}
        size={size}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        onRow={onRow}
        locale={{ emptyText: emptyOnceLoaded(query, isValidElement(empty) ? empty : <EmptyState title={empty.title} hint={empty.hint} />) }}
        data-testid={testId}
      />
      <PagedFooter query={query} count={rows.length} loadedText={loadedText} style={flush ? { padding: 16 } : undefined} />
    </>
  );
}

/** What a column without a width is counted at when the table's least width is summed. */
const UNSIZED_COLUMN_WIDTH = 120;

/** The least width of a table's columns: their own widths, the widths of a group's columns. */
function columnsWidth(columns: readonly object[]): number {
  return columns.reduce<number>((sum, col) => {
    if ('children' in col && Array.isArray(col.children)) return sum + columnsWidth(col.children as object[]);
    const width = 'width' in col ? col.width : undefined;
    return sum + (typeof width === 'number' ? width : UNSIZED_COLUMN_WIDTH);
  }, 0);
}

/**
 * Below a paged list: how many are loaded and the next page, or "no more" once all are in; shown
 * once there are rows. With `loadedText={false}` only the next-page button, while there is more.
 * For a paged list that is no table (PagedTable draws it under its own rows).
 */
export function PagedFooter({
  query,
  count,
  loadedText,
  style,
}: {
  query: Pick<PagedQuery<unknown>, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
  count: number;
  loadedText?: ((count: number) => ReactNode) | false | undefined;
  /** The footer's spacing; 16px above it by default. */
  style?: CSSProperties | undefined;
}) {
  const { t } = useTranslation();
  const more = query.hasNextPage ? (
    <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
      {t('common.loadMore')}
    </Button>
  ) : null;
  const spacing = style ?? { marginTop: 16 };
  if (loadedText === false)
    return more ? (
      <Flex justify="center" style={spacing}>
        {more}
      </Flex>
    ) : null;
  if (!count) return null;
  return (
    <Flex justify="center" align="center" gap={16} style={spacing}>
      <Typography.Text type="secondary">{loadedText ? loadedText(count) : t('common.loaded', { count })}</Typography.Text>
      {more ?? <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>}
    </Flex>
  );
}
