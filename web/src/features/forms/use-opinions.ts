import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { opinionKeys, opinionsApi } from './forms-api';

/** 客户意见 of one day, grouped by post. */
export function useOpinionDay(siteId: string, date: string) {
  return useQuery({
    queryKey: opinionKeys.day(siteId, date),
    queryFn: () => opinionsApi.daily(siteId, date),
    placeholderData: keepPreviousData,
  });
}
