import { useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { useLocale } from '../../i18n';
import { DemoBar } from '../../shared/instance/demo-bar';
import { createQueryClient } from '../query-client';

/** Brand colours: a deep navy for trust, a warm gold accent borrowed from sales-center signage. */
export const BRAND = { primary: '#1e5aa8', navy: '#0f2540', gold: '#d9a441' } as const;

export function ConsoleProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const locale = useLocale();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={locale === 'zh-CN' ? zhCNLocale : enUSLocale}
        // antd spaces out two-character Chinese labels ("今 天"); Chinese UI text is never spaced.
        button={{ autoInsertSpace: false }}
        theme={{
          algorithm: theme.defaultAlgorithm,
          token: {
            colorPrimary: BRAND.primary,
            // Links in the brand blue too (antd derives them from its own blue, 4.1:1 on white).
            colorLink: BRAND.primary,
            // Secondary and description greys darkened to WCAG AA contrast (antd's 45% black is 3.4:1 on white, less on the layout grey).
            colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
            colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
            colorTextDescription: 'rgba(0, 0, 0, 0.62)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
            borderRadius: 8,
            colorBgLayout: '#f3f5f9',
          },
          components: {
            Layout: { siderBg: BRAND.navy, headerBg: '#ffffff', headerPadding: '0 24px', headerHeight: 60 },
            Menu: { darkItemBg: BRAND.navy, darkSubMenuItemBg: BRAND.navy, darkItemSelectedBg: BRAND.primary },
          },
        }}
      >
        <AntApp>
          <DemoBar variant="console" />
          {children}
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
