import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';

/** 客户意见 of one day, grouped by post. */
export function useOpinionDay(siteId: string, date: string) {
  return useQuery({
    queryKey: queryKeys.opinions(siteId, date),
    queryFn: () => shiftsApi.opinions.daily(siteId, date),
    placeholderData: keepPreviousData,
  });
}
