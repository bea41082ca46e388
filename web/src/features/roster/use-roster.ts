import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CopyWeekBody, CreateRosterEntryBody } from '@anchang/contracts';
import { rosterApi, rosterKeys } from './roster-api';
import { dayBoardKeys } from '../day-board/day-board-api';

/** One week of the roster (Monday `weekStart`), with the conflicts the server found in it. */
export function useRosterWeek(siteId: string, weekStart: string) {
  return useQuery({
    queryKey: rosterKeys.week(siteId, weekStart),
    queryFn: () => rosterApi.week(siteId, weekStart),
    // Keep last week on screen while the next loads, so the grid does not blink on navigation.
    placeholderData: keepPreviousData,
  });
}

/** A roster change moves the day board and people's "my day" as well. */
function useInvalidateRoster(siteId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: rosterKeys.root(siteId) });
    void queryClient.invalidateQueries({ queryKey: dayBoardKeys.root(siteId) });
  };
}

export function useAddRosterEntry(siteId: string) {
  const invalidate = useInvalidateRoster(siteId);
  return useMutation({ mutationFn: (input: CreateRosterEntryBody) => rosterApi.add(siteId, input), onSuccess: invalidate });
}

export function useRemoveRosterEntry(siteId: string) {
  const invalidate = useInvalidateRoster(siteId);
  return useMutation({ mutationFn: (entryId: string) => rosterApi.remove(siteId, entryId), onSuccess: invalidate });
}

export function useCopyRosterWeek(siteId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRoster(siteId);
  return useMutation({
    mutationFn: (input: CopyWeekBody) => rosterApi.copyWeek(siteId, input),
    onSuccess: (week) => {
      queryClient.setQueryData(rosterKeys.week(siteId, week.weekStart), week);
      invalidate();
    },
  });
}
