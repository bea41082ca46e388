import type { ReactNode } from 'react';
import { Spin } from 'antd';
import styles from './item-list.module.css';

/**
 * A plain avatar-title-description list (antd's List is deprecated in v6 and Listy is a
 * virtual list, more than a feed of a dozen rows needs).
 */
export function ItemList<T>({
  items,
  rowKey,
  renderItem,
  loading = false,
  empty,
  testId,
}: {
  items: T[];
  rowKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  loading?: boolean;
  empty?: ReactNode;
  testId?: string;
}) {
  return (
    <Spin spinning={loading}>
      <ul className={styles.list} data-testid={testId}>
        {items.map((item) => (
          <li key={rowKey(item)} className={styles.row}>
            {renderItem(item)}
          </li>
        ))}
      </ul>
      {!loading && !items.length ? empty : null}
      {loading && !items.length ? <div style={{ minHeight: 120 }} /> : null}
    </Spin>
  );
}

export function ItemRow({
  avatar,
  title,
  description,
  className,
  testId,
}: {
  avatar?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  className?: string | undefined;
  testId?: string;
}) {
  return (
    <div className={`${styles.item} ${className ?? ''}`} data-testid={testId}>
      {avatar ? <div className={styles.avatar}>{avatar}</div> : null}
      <div className={styles.content}>
        <div className={styles.title}>{title}</div>
        {description ? <div className={styles.description}>{description}</div> : null}
      </div>
    </div>
  );
}
