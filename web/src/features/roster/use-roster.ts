import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CopyWeekBody, CreateRosterEntryBody } from '@anchang/contracts';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';

/** One week of the roster (Monday `weekStart`), with the conflicts the server found in it. */
export function useRosterWeek(siteId: string, weekStart: string) {
  return useQuery({
    queryKey: queryKeys.roster(siteId, weekStart),
    queryFn: () => shiftsApi.roster.week(siteId, weekStart),
    // Keep last week on screen while the next loads, so the grid does not blink on navigation.
    placeholderData: keepPreviousData,
  });
}

/** A roster change moves the day board and people's "my day" as well. */
function useInvalidateRoster(siteId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.rosterRoot(siteId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.dayBoardRoot(siteId) });
  };
}

export function useAddRosterEntry(siteId: string) {
  const invalidate = useInvalidateRoster(siteId);
  return useMutation({ mutationFn: (input: CreateRosterEntryBody) => shiftsApi.roster.add(siteId, input), onSuccess: invalidate });
}

export function useRemoveRosterEntry(siteId: string) {
  const invalidate = useInvalidateRoster(siteId);
  return useMutation({ mutationFn: (entryId: string) => shiftsApi.roster.remove(siteId, entryId), onSuccess: invalidate });
}

export function useCopyRosterWeek(siteId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRoster(siteId);
  return useMutation({
    mutationFn: (input: CopyWeekBody) => shiftsApi.roster.copyWeek(siteId, input),
    onSuccess: (week) => {
      queryClient.setQueryData(queryKeys.roster(siteId, week.weekStart), week);
      invalidate();
    },
  });
}
