import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, setDefaultConfig } from 'antd-mobile';
import zhCNLocale from 'antd-mobile/es/locales/zh-CN';
import enUSLocale from 'antd-mobile/es/locales/en-US';
import { LeftOutline } from 'antd-mobile-icons';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { DemoBar } from '../../shared/instance/demo-bar';
import { createStaffQueryClient } from '../../shared/offline/staff-query-client';

type AntdMobileLocale = typeof zhCNLocale;

/**
 * The library's stock empty/error lines ("找找其他的吧", "动动手指帮忙修复") blanked, so a block
 * that forgot its words shows none rather than a phrase about nothing on our screens.
 */
function withoutStockLines(base: AntdMobileLocale): AntdMobileLocale {
  const blank = { title: '', description: '' };
  return { ...base, ErrorBlock: { default: blank, busy: blank, disconnected: blank, empty: blank } };
}

export function MobileProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createStaffQueryClient);
  const locale = useLocale();
  const antdLocale = useMemo(() => withoutStockLines(locale === 'zh-CN' ? zhCNLocale : enUSLocale), [locale]);
  // Dialog.confirm and Toast render outside the React tree and read the global default.
  useEffect(() => setDefaultConfig({ locale: antdLocale }), [antdLocale]);
  const { t } = useTranslation();
  // NavBar's back control is a role="button" holding only an arrow: the arrow carries its name.
  const navBar = useMemo(() => ({ backIcon: <LeftOutline role="img" aria-label={t('common.back')} /> }), [t]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocale} navBar={navBar}>
        <DemoBar variant="phone" />
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
