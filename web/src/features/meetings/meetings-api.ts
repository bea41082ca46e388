/**
 * Meetings through the API: the list and the month's gaps, one meeting's detail and its edits
 * (console), my action items and today's debrief (phone). Every query lives under
 * ['site', id, 'meetings' | 'action-items'], which the realtime `meeting.changed` and
 * `action_item.changed` events invalidate.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionItem,
  AttendanceStatus,
  MeetingCompliance,
  MeetingDetail,
  MeetingKind,
  MeetingSummary,
  PageOf,
  TodayDebrief,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const meeting = (siteId: string, meetingId: string) => `${site(siteId)}/meetings/${encodeURIComponent(meetingId)}`;

export const meetingKeys = {
  root: (siteId: string) => ['site', siteId, 'meetings'] as const,
  list: (siteId: string, kind: MeetingKind | 'all') => ['site', siteId, 'meetings', 'list', kind] as const,
  compliance: (siteId: string, month: string) => ['site', siteId, 'meetings', 'compliance', month] as const,
  detail: (siteId: string, meetingId: string) => ['site', siteId, 'meetings', 'detail', meetingId] as const,
  today: (siteId: string) => ['site', siteId, 'meetings', 'today'] as const,
  actionItemsRoot: (siteId: string) => ['site', siteId, 'action-items'] as const,
  mine: (siteId: string, status: 'open' | 'done') => ['site', siteId, 'action-items', 'mine', status] as const,
};

export const meetingsApi = {
  list: (siteId: string, p: { kind?: MeetingKind; cursor?: string | null; limit?: number }) =>
    http.get<PageOf<MeetingSummary>>(`${site(siteId)}/meetings`, { kind: p.kind, cursor: p.cursor ?? undefined, limit: p.limit }),
  compliance: (siteId: string, month: string) => http.get<MeetingCompliance>(`${site(siteId)}/meetings/compliance`, { month }),
  today: (siteId: string) => http.get<TodayDebrief>(`${site(siteId)}/meetings/today`),
  detail: (siteId: string, meetingId: string) => http.get<MeetingDetail>(meeting(siteId, meetingId)),
  openDebrief: (siteId: string, date?: string) => http.post<MeetingDetail>(`${site(siteId)}/meetings/debriefs`, date ? { date } : {}),
  openReview: (siteId: string, date?: string) => http.post<MeetingDetail>(`${site(siteId)}/meetings/reviews`, date ? { date } : {}),
  saveMinutes: (siteId: string, meetingId: string, minutes: string) => http.put<MeetingDetail>(`${meeting(siteId, meetingId)}/minutes`, { minutes }),
  correct: (siteId: string, meetingId: string, personId: string, status: AttendanceStatus) =>
    http.put<MeetingDetail>(`${meeting(siteId, meetingId)}/attendance/${encodeURIComponent(personId)}`, { status }),
  close: (siteId: string, meetingId: string) => http.post<MeetingDetail>(`${meeting(siteId, meetingId)}/close`, {}),
  addItem: (siteId: string, meetingId: string, body: { text: string; ownerId: string; dueDate: string }) =>
    http.post<ActionItem>(`${meeting(siteId, meetingId)}/action-items`, body),
  mine: (siteId: string, p: { status: 'open' | 'done'; cursor?: string | null }) =>
    http.get<PageOf<ActionItem>>(`${site(siteId)}/action-items/mine`, { status: p.status, cursor: p.cursor ?? undefined, limit: 30 }),
  markDone: (siteId: string, itemId: string) => http.post<ActionItem>(`${site(siteId)}/action-items/${encodeURIComponent(itemId)}/done`, {}),
};

export const PAGE_SIZE = 20;

export function useMeetings(siteId: string, kind: MeetingKind | 'all') {
  return useInfiniteQuery({
    queryKey: meetingKeys.list(siteId, kind),
    queryFn: ({ pageParam }) => meetingsApi.list(siteId, { kind: kind === 'all' ? undefined : kind, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCompliance(siteId: string, month: string) {
  return useQuery({ queryKey: meetingKeys.compliance(siteId, month), queryFn: () => meetingsApi.compliance(siteId, month) });
}

export function useMeeting(siteId: string, meetingId: string) {
  return useQuery({ queryKey: meetingKeys.detail(siteId, meetingId), queryFn: () => meetingsApi.detail(siteId, meetingId) });
}

export function useTodayDebrief(siteId: string) {
  return useQuery({ queryKey: meetingKeys.today(siteId), queryFn: () => meetingsApi.today(siteId) });
}

export function useMyActionItems(siteId: string, status: 'open' | 'done') {
  return useInfiniteQuery({
    queryKey: meetingKeys.mine(siteId, status),
    queryFn: ({ pageParam }) => meetingsApi.mine(siteId, { status, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A write that answers with the meeting: the cached detail becomes the answer, the lists refetch. */
export function useMeetingWrite<T>(siteId: string, write: (input: T) => Promise<MeetingDetail | ActionItem>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (answer) => {
      if ('meeting' in answer) queryClient.setQueryData(meetingKeys.detail(siteId, answer.meeting.id), answer);
      void queryClient.invalidateQueries({ queryKey: meetingKeys.root(siteId) });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.actionItemsRoot(siteId) });
    },
  });
}

// A meeting's page lists its action items, and an item's owner sees it among their own.
const meetingsChanged = onSite((siteId) => [meetingKeys.root(siteId), meetingKeys.actionItemsRoot(siteId)]);

export const meetingInvalidations: FeatureInvalidations = {
  'meeting.changed': meetingsChanged,
  'action_item.changed': meetingsChanged,
};
