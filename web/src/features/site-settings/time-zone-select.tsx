import { useMemo } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { ianaTimeZones, utcOffset } from '../../shared/format/time';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  disabled?: boolean;
  id?: string;
}

/**
 * IANA time zones with their current UTC offset and their name in the reader's language
 * (中国标准时间 before Asia/Shanghai), searchable by either. A Form.Item control.
 */
export function TimeZoneSelect({ value, onChange, disabled, id }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const options = useMemo(() => {
    const now = Date.now();
    return ianaTimeZones().map((zone) => {
      const name = zoneName(zone, locale, now);
      const city = zone.replaceAll('_', ' ');
      return { value: zone, label: `(UTC${utcOffset(zone, now)}) ${name ? `${name} · ${city}` : city}` };
    });
  }, [locale]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      disabled={disabled}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('settings.timeZoneSearch')}
      virtual
    />
  );
}

/** "中国标准时间" / "China Standard Time"; undefined where the browser has no name but the offset. */
function zoneName(zone: string, locale: string, at: number): string | undefined {
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part && !/^(GMT|UTC)/.test(part.value) ? part.value : undefined;
}
