import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';

/**
 * The day board of one date. Events refetch it (shift, roster and anomaly changes); today's board
 * also refreshes each minute, because 未到班时 turns into 缺勤 with the clock, not with an event.
 */
export function useDayBoard(siteId: string, date: string, isToday: boolean) {
  return useQuery({
    queryKey: queryKeys.dayBoard(siteId, date),
    queryFn: () => shiftsApi.dayBoard.get(siteId, date),
    placeholderData: keepPreviousData,
    refetchInterval: isToday ? 60_000 : false,
  });
}
