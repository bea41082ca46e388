import type { ReactNode } from 'react';
import { PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** Pull down to reload, with the app's own words for each stage (the library's are its own Chinese only). */
export function PhonePullToRefresh({ onRefresh, children }: { onRefresh: () => Promise<unknown>; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <PullToRefresh
      onRefresh={async () => {
        await onRefresh();
      }}
      pullingText={t('mobile.pullToRefresh')}
      canReleaseText={t('mobile.releaseToRefresh')}
      refreshingText={t('mobile.refreshing')}
      completeText={t('mobile.refreshed')}
    >
      {children}
    </PullToRefresh>
  );
}
