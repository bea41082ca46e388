import { useEffect, useState, type ReactNode } from 'react';
import { ConfigProvider, setDefaultConfig } from 'antd-mobile';
import zhCNLocale from 'antd-mobile/es/locales/zh-CN';
import enUSLocale from 'antd-mobile/es/locales/en-US';
import { QueryClientProvider } from '@tanstack/react-query';
import { useLocale } from '../../i18n';
import { DemoBar } from '../../shared/instance/demo-bar';
import { createStaffQueryClient } from '../../shared/offline/staff-query-client';

export function MobileProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createStaffQueryClient);
  const locale = useLocale();
  const antdLocale = locale === 'zh-CN' ? zhCNLocale : enUSLocale;
  // Dialog.confirm and Toast render outside the React tree and read the global default.
  useEffect(() => setDefaultConfig({ locale: antdLocale }), [antdLocale]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocale}>
        <DemoBar variant="phone" />
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
