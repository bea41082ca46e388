import { useTranslation } from 'react-i18next';
import { weekdayOf } from '../../shared/format/local-date';

type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** 周一 11-23 / Mon 11-23: a roster day as people name it. */
export function useDayLabel(): (date: string) => string {
  const { t } = useTranslation();
  return (date: string) => `${t(`weekdays.${String(weekdayOf(date)) as WeekdayKey}`)} ${date.slice(5)}`;
}

export function useWeekdayName(): (date: string) => string {
  const { t } = useTranslation();
  return (date: string) => t(`weekdays.${String(weekdayOf(date)) as WeekdayKey}`);
}
