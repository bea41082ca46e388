import { DatePicker, Flex, Segmented } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FIGURES_MAX_DAYS } from '@anchang/contracts';
import type { DateRange } from './figures-api';
import { lastDays, lastMonth, monthSoFar } from './figures-format';

type Preset = 'last7' | 'last30' | 'month' | 'lastMonth';

/** A range of site-local dates with the usual presets; never more than the server allows. */
export function FiguresRangePicker({ value, onChange, today }: { value: DateRange; onChange: (r: DateRange) => void; today: string }) {
  const { t } = useTranslation();
  const presets: Record<Preset, DateRange> = {
    last7: lastDays(today, 7),
    last30: lastDays(today, 30),
    month: monthSoFar(today),
    lastMonth: lastMonth(today),
  };
  const current = (Object.keys(presets) as Preset[]).find((k) => presets[k].from === value.from && presets[k].to === value.to);
  return (
    <Flex gap={8} wrap align="center">
      <Segmented<Preset | 'custom'>
        value={current ?? 'custom'}
        options={(['last7', 'last30', 'month', 'lastMonth'] as const).map((k) => ({ value: k, label: t(`figures.presets.${k}`) }))}
        onChange={(k) => k !== 'custom' && onChange(presets[k])}
      />
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(value.from), dayjs(value.to)]}
        disabledDate={(d, info) => {
          const from = info.from;
          return !!from && Math.abs(d.diff(from, 'day')) >= FIGURES_MAX_DAYS;
        }}
        onChange={(v) => v?.[0] && v[1] && onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        aria-label={t('figures.range')}
      />
    </Flex>
  );
}
