/** The shuttle's trip log, the people a vehicle can go to, a visit's model-room notes; realtime events refetch them. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ShuttleCall } from '@anchang/contracts';
import { shuttleApi, shuttleKeys } from './visits-api';

const TRIP_PAGE = 20;

/** The site's trips, newest first, a page at a time (refetched on `shuttle.changed`). */
export function useTripLog(siteId: string) {
  return useInfiniteQuery({
    queryKey: shuttleKeys.trips(siteId),
    queryFn: ({ pageParam }) => shuttleApi.trips(siteId, { cursor: pageParam, limit: TRIP_PAGE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * The handovers made to me (the vehicle, its battery and body as handed over), newest first.
 * No event announces them: read when the panel opens and once a minute while it is open.
 */
export function useHandoversToMe(siteId: string) {
  return useQuery({
    queryKey: shuttleKeys.handoversToMe(siteId),
    queryFn: async () => (await shuttleApi.handoversToMe(siteId, { limit: 5 })).items,
    refetchInterval: 60_000,
  });
}

/** Active staff by name, shuttle drivers first, for the handover sheet. */
export function useDriverCandidates(siteId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: shuttleKeys.drivers(siteId),
    queryFn: ({ pageParam }) => shuttleApi.drivers(siteId, { cursor: pageParam, limit: 100 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** A visit's model-room notes, oldest first (refetched on `visit.interest`). */
export function useModelRoomNotes(siteId: string, visitId: string) {
  return useInfiniteQuery({
    queryKey: shuttleKeys.modelRoomNotes(siteId, visitId),
    queryFn: ({ pageParam }) => shuttleApi.modelRoomNotes(siteId, visitId, { cursor: pageParam, limit: 20 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Shuttle calls not yet answered by a trip, oldest first (refetched on the shuttle-call events). */
export function useOpenShuttleCalls(siteId: string) {
  return useQuery({
    queryKey: shuttleKeys.openCalls(siteId),
    queryFn: async () => (await shuttleApi.openCalls(siteId)).items.sort((a, b) => a.calledAt - b.calledAt),
  });
}

/** The open call a visit is part of, if any. */
export const callOfVisit = (calls: readonly ShuttleCall[] | undefined, visitId: string): ShuttleCall | undefined =>
  calls?.find((c) => c.visitIds.includes(visitId));
