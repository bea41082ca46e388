import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../shared/api/endpoints';
import { newId } from '../../shared/offline/new-id';
import { patrolKeys, patrolsApi, type RouteInput, type ScheduleInput } from './patrols-api';

export function usePatrolRoutes(siteId: string) {
  return useQuery({ queryKey: patrolKeys.routes(siteId), queryFn: () => fetchAllPages((p) => patrolsApi.routes(siteId, p)) });
}

export function usePatrolSchedules(siteId: string) {
  return useQuery({ queryKey: patrolKeys.schedules(siteId), queryFn: () => fetchAllPages((p) => patrolsApi.schedules(siteId, p)) });
}

/** A day's rounds: tens per day, refetched live on scans and round changes. */
export function usePatrolRounds(siteId: string, date: string) {
  return useQuery({
    queryKey: patrolKeys.rounds(siteId, date),
    queryFn: async () => (await fetchAllPages((p) => patrolsApi.rounds(siteId, { ...p, date }))).sort((a, b) => a.slotStart - b.slotStart),
  });
}

export function useMyPatrolRounds(siteId: string, enabled = true) {
  return useQuery({
    queryKey: patrolKeys.myRounds(siteId),
    enabled,
    queryFn: async () => (await fetchAllPages((p) => patrolsApi.myRounds(siteId, p))).sort((a, b) => a.slotStart - b.slotStart),
  });
}

export type PatrolAction =
  | { kind: 'saveRoute'; id: string | null; input: RouteInput }
  | { kind: 'archiveRoute'; id: string }
  | { kind: 'createSchedule'; input: Omit<ScheduleInput, 'id'> }
  | { kind: 'stopSchedule'; id: string };

export function usePatrolAction(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: PatrolAction): Promise<unknown> => {
      switch (action.kind) {
        case 'saveRoute':
          return action.id === null
            ? patrolsApi.createRoute(siteId, { id: newId(), ...action.input })
            : patrolsApi.updateRoute(siteId, action.id, action.input);
        case 'archiveRoute':
          return patrolsApi.archiveRoute(siteId, action.id);
        case 'createSchedule':
          return patrolsApi.createSchedule(siteId, { id: newId(), ...action.input });
        case 'stopSchedule':
          return patrolsApi.stopSchedule(siteId, action.id);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patrolKeys.root(siteId) }),
  });
}
