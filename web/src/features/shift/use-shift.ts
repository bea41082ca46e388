/**
 * The person's shift as the phone shows it: the server's answers (my day, the shift detail, the
 * standard) with the outbox's waiting writes laid over them. A clock-in made without signal is
 * a shift at once, built from the roster line and the standard kept on the phone.
 */
import { useMemo } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { GreetingWindow, MyDay, PostKind, PostStandard, Shift } from '@anchang/contracts';
import { minutesOfDay } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import type { OutboxItem } from '../../shared/offline/outbox';
import type { ClockInOp, ClockOutOp } from './outbox-kinds';
import { useOutboxItems } from '../../shared/offline/outbox-client';
import { greetingNow } from './day-rules';
import { mergeResults, type ResultView } from './shift-rules';
import { standardKeys, standardsApi } from '../standards/standards-api';
import { shiftApi, shiftKeys } from './shift-api';
import { anomaliesApi, anomalyKeys } from '../anomalies/anomalies-api';
import { requisitionKeys, requisitionsApi } from '../forms/forms-api';

/** The greeting and the guests count change with the minute: the detail is refetched each minute. */
const DETAIL_REFRESH_MS = 60_000;
/** Older than this, the server's greeting is stale (no signal): the phone works it out itself. */
const GREETING_STALE_MS = 90_000;

export function useMyDay(siteId: string) {
  return useQuery({ queryKey: shiftKeys.myDay(siteId), queryFn: () => shiftApi.myDay(siteId) });
}

export function useStandardSettings(siteId: string) {
  return useQuery({ queryKey: standardKeys.settings(siteId), queryFn: () => standardsApi.settings(siteId), staleTime: 10 * 60_000 });
}

/**
 * HALL-IN-5 now, from the site's windows (null outside them, or before they are known): what the
 * home page shows, worked out as the shift screen does. `windows` lists them all for the reminder.
 */
export function useGreetingNow(siteId: string | null, timeZone: string): { greeting: GreetingWindow | null; windows: GreetingWindow[] } {
  const now = useNow(60_000);
  const settings = useQuery({
    queryKey: standardKeys.settings(siteId ?? ''),
    queryFn: () => standardsApi.settings(siteId!),
    staleTime: 10 * 60_000,
    enabled: siteId !== null,
  });
  const windows = settings.data?.greetingWindows ?? [];
  return { greeting: greetingNow(settings.data?.greetingWindows, minutesOfDay(now, timeZone)), windows };
}

export function useStandard(siteId: string, postKind: PostKind | null) {
  return useQuery({
    queryKey: standardKeys.one(siteId, postKind ?? ''),
    queryFn: () => standardsApi.get(siteId, postKind!),
    enabled: !!postKind,
    staleTime: 10 * 60_000,
  });
}

export function useShiftDetail(siteId: string, shiftId: string | null, enabled = true) {
  return useQuery({
    queryKey: shiftKeys.one(siteId, shiftId ?? ''),
    queryFn: () => shiftApi.get(siteId, shiftId!),
    enabled: enabled && !!shiftId,
    refetchInterval: DETAIL_REFRESH_MS,
  });
}

/** My reported anomalies, newest first; kept fresh by `anomaly.*` events. */
export function useMyAnomalies(siteId: string) {
  return useInfiniteQuery({
    queryKey: anomalyKeys.list(siteId, 'mine'),
    queryFn: ({ pageParam }) => anomaliesApi.list(siteId, { mine: true, cursor: pageParam, limit: 30 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** My requisitions (staff see their own), newest first. */
export function useMyRequisitions(siteId: string) {
  return useQuery({ queryKey: requisitionKeys.list(siteId, 'mine'), queryFn: () => requisitionsApi.list(siteId, { limit: 50 }) });
}

export type ShiftPhase = 'off' | 'on' | 'closing';

export interface CurrentShift {
  /** The phone has nothing to show yet (first load, or offline with nothing kept). */
  isLoading: boolean;
  error: unknown;
  myDay: MyDay | undefined;
  phase: ShiftPhase;
  shift: Shift | null;
  /** The version the shift runs (the kept current standard while a clock-in waits). */
  standard: PostStandard | null;
  /** The standard is on its way from the server (else, when null, it is not on the phone). */
  isStandardLoading: boolean;
  results: Map<string, ResultView>;
  greeting: GreetingWindow | null;
  guestsOnSite: number | null;
  /** The clock-in is on the phone only, not yet accepted by the server. */
  isProvisional: boolean;
  outbox: readonly OutboxItem[];
  failedClockIns: (OutboxItem & { op: ClockInOp })[];
  waitingClockOut: (OutboxItem & { op: ClockOutOp }) | undefined;
  failedClockOut: (OutboxItem & { op: ClockOutOp }) | undefined;
}

const isClockIn = (item: OutboxItem): item is OutboxItem & { op: ClockInOp } => item.op.kind === 'clockIn';
const isClockOut = (item: OutboxItem): item is OutboxItem & { op: ClockOutOp } => item.op.kind === 'clockOut';

export function useCurrentShift(siteId: string, timeZone: string, me: { id: string; name: string }): CurrentShift {
  const now = useNow(60_000);
  const myDay = useMyDay(siteId);
  const settings = useStandardSettings(siteId);
  const all = useOutboxItems(me.id);
  const outbox = useMemo(() => all.filter((item) => item.op.siteId === siteId), [all, siteId]);

  const waitingClockIn = outbox.filter(isClockIn).find((item) => item.state === 'waiting');
  const failedClockIns = outbox.filter(isClockIn).filter((item) => item.state === 'failed');
  const shiftId = waitingClockIn?.op.body.id ?? myDay.data?.openShift?.id ?? null;
  const detail = useShiftDetail(siteId, shiftId, !waitingClockIn);
  const kept = detail.data?.shift.id === shiftId ? detail.data : undefined;
  const openShift = myDay.data?.openShift?.id === shiftId ? myDay.data.openShift : null;
  const baseShift = kept?.shift ?? openShift;
  // Until the shift's own detail is on the phone (a clock-in waiting, or no signal), the
  // checklist comes from the post's current standard, kept on the phone.
  const fallbackKind = kept ? null : (baseShift?.postKind ?? waitingClockIn?.op.postKind ?? null);
  const currentStandard = useStandard(siteId, fallbackKind);

  const clockOuts = outbox.filter(isClockOut).filter((item) => item.op.shiftId === shiftId);
  const waitingClockOut = clockOuts.find((item) => item.state === 'waiting');
  const failedClockOut = clockOuts.find((item) => item.state === 'failed');

  const shift: Shift | null =
    baseShift ?? (waitingClockIn ? provisionalShift(waitingClockIn.op, me, siteId, myDay.data, currentStandard.data) : null);
  const standard = kept?.standard ?? currentStandard.data ?? null;
  const isStandardLoading = !standard && (detail.fetchStatus === 'fetching' || currentStandard.fetchStatus === 'fetching');
  const results = useMemo(() => mergeResults(kept?.results ?? [], outbox, shiftId ?? ''), [kept?.results, outbox, shiftId]);

  const greeting = useMemo(() => {
    const fresh = kept && detail.dataUpdatedAt > now - GREETING_STALE_MS;
    if (fresh) return kept.greeting;
    if (settings.data) return greetingNow(settings.data.greetingWindows, minutesOfDay(now, timeZone));
    return kept?.greeting ?? null;
  }, [kept, detail.dataUpdatedAt, settings.data, now, timeZone]);

  const phase: ShiftPhase = !shift || shift.status === 'closed' ? 'off' : waitingClockOut ? 'closing' : 'on';
  const hasData = myDay.data !== undefined;
  return {
    isLoading: !hasData && (myDay.isPending || myDay.fetchStatus === 'paused'),
    error: hasData ? null : myDay.error,
    myDay: myDay.data,
    phase,
    shift,
    standard,
    isStandardLoading,
    results,
    greeting,
    guestsOnSite: kept?.guestsOnSite ?? null,
    isProvisional: !kept && !!waitingClockIn,
    outbox,
    failedClockIns,
    waitingClockOut,
    failedClockOut,
  };
}

function provisionalShift(
  op: ClockInOp,
  me: { id: string; name: string },
  siteId: string,
  day: MyDay | undefined,
  standard: PostStandard | undefined,
): Shift {
  return {
    id: op.body.id,
    siteId,
    postId: op.body.postId,
    postName: op.postName,
    postKind: op.postKind,
    personId: me.id,
    personName: me.name,
    date: day?.date ?? '',
    status: 'open',
    plannedStart: op.start,
    plannedEnd: op.end,
    clockInAt: op.body.at,
    clockOutAt: null,
    isLate: false,
    leftWithGuests: false,
    leaveReason: null,
    debriefAttended: null,
    standardVersionId: standard?.versionId ?? '',
    standardVersion: standard?.version ?? 0,
  };
}
