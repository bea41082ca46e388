import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LOCALE_OPTIONS, setLocale, useLocale } from '../../i18n';

export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALE_OPTIONS.map((l) => ({ key: l, label: t(`language.${l}`) })),
        onClick: ({ key }) => setLocale(key as (typeof LOCALE_OPTIONS)[number]),
      }}
    >
      <Button type={type} icon={<GlobalOutlined />} aria-label={t('language.label')}>
        {t(`language.${locale}`)}
      </Button>
    </Dropdown>
  );
}
