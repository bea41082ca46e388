import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dayBoardApi, dayBoardKeys } from './day-board-api';

/**
 * The day board of one date. Events refetch it (shift, roster and anomaly changes); today's board
 * also refreshes each minute, because 未到班时 turns into 缺勤 with the clock, not with an event.
 */
export function useDayBoard(siteId: string, date: string, isToday: boolean) {
  return useQuery({
    queryKey: dayBoardKeys.day(siteId, date),
    queryFn: () => dayBoardApi.get(siteId, date),
    placeholderData: keepPreviousData,
    refetchInterval: isToday ? 60_000 : false,
  });
}
