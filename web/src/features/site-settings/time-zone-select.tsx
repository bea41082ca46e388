import { useMemo } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ianaTimeZones, utcOffset } from '../../shared/format/time';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  disabled?: boolean;
  id?: string;
}

/** IANA time zones with their current UTC offset, searchable by city. A Form.Item control. */
export function TimeZoneSelect({ value, onChange, disabled, id }: Props) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const now = Date.now();
    return ianaTimeZones().map((zone) => ({ value: zone, label: `(UTC${utcOffset(zone, now)}) ${zone.replaceAll('_', ' ')}` }));
  }, []);
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
