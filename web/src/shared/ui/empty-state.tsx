import type { ReactNode } from 'react';
import { Empty, Typography } from 'antd';

/** An empty list that says what belongs here and offers the first step. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{title}</Typography.Text>
          {hint ? (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {hint}
            </Typography.Paragraph>
          ) : null}
        </>
      }
      style={{ padding: '32px 0' }}
    >
      {action}
    </Empty>
  );
}
