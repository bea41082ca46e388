/**
 * The consultant's two lists, both under the visits key so every visit event (a new party in the
 * hall, a claim by a colleague, a move along the chain) refetches them live (visits-api.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyConsultantRotationBody } from '@anchang/contracts';
import { minutesOfDay } from '../../shared/format/time';
import { visitKeys, visitsApi } from '../visits/visits-api';

/** A party waiting in the hall for a consultant; more than this many at once is not a hall. */
const LIST_LIMIT = 100;

/** Guests in the hall that no consultant has taken, longest waiting first. */
export function useWaitingGuests(siteId: string) {
  return useQuery({
    queryKey: [...visitKeys.root(siteId), 'consultant-home', 'waiting'] as const,
    queryFn: async () => {
      const page = await visitsApi.list(siteId, { status: 'open', stage: 'hall', consultant: 'none', limit: LIST_LIMIT });
      return [...page.items].sort((a, b) => a.arrivedAt - b.arrivedAt);
    },
  });
}

/** The start of the site's day containing `now` (minute precision is all a day needs). */
export function startOfSiteDay(now: number, timeZone: string): number {
  const minuteStart = now - (now % 60_000);
  return minuteStart - minutesOfDay(now, timeZone) * 60_000;
}

/** Visits of today where I am the consultant, newest first; those still on site before those gone. */
export function useMyCustomersToday(siteId: string, dayStart: number) {
  return useQuery({
    queryKey: [...visitKeys.root(siteId), 'consultant-home', 'mine', dayStart] as const,
    queryFn: async () => {
      const page = await visitsApi.list(siteId, { consultant: 'mine', arrivedSince: dayStart, limit: LIST_LIMIT });
      return [...page.items].sort((a, b) => (a.status === b.status ? b.arrivedAt - a.arrivedAt : a.status === 'open' ? -1 : 1));
    },
  });
}

const rotationKey = (siteId: string) => ['site', siteId, 'consultant-rotation', 'me'] as const;

/** Whether the site hands guests round in turn, and whether I stepped out of it today. */
export function useMyRotation(siteId: string) {
  return useQuery({ queryKey: rotationKey(siteId), queryFn: () => visitsApi.myRotation(siteId) });
}

export function useSetMyRotation(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MyConsultantRotationBody) => visitsApi.setMyRotation(siteId, body),
    onSuccess: (saved) => queryClient.setQueryData(rotationKey(siteId), saved),
  });
}
