/**
 * Customer opinions this phone has sent, so the post-shift page can list what the person already
 * filed. Staff cannot read opinions back (the day's summary is the manager's), so the phone
 * keeps a short journal of its own in localStorage, per person.
 */
import { useSyncExternalStore } from 'react';
import type { CreateOpinionBody } from '@anchang/contracts';

export interface SentOpinion extends CreateOpinionBody {
  siteId: string;
  sentAt: number;
}

const MAX_KEPT = 50;
const key = (personId: string) => `anchang.staff.sentOpinions.${personId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: SentOpinion[] }>();

function read(personId: string): SentOpinion[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(key(personId));
  } catch {
    /* storage blocked: nothing remembered */
  }
  const cached = cache.get(personId);
  if (cached && cached.raw === raw) return cached.value;
  const value = parse(raw);
  cache.set(personId, { raw, value });
  return value;
}

function parse(raw: string | null): SentOpinion[] {
  try {
    return raw ? (JSON.parse(raw) as SentOpinion[]) : [];
  } catch {
    return [];
  }
}

export function rememberSentOpinion(personId: string, opinion: SentOpinion): void {
  const next = [opinion, ...read(personId).filter((o) => o.id !== opinion.id)].slice(0, MAX_KEPT);
  try {
    localStorage.setItem(key(personId), JSON.stringify(next));
  } catch {
    /* storage full or blocked: the list shows what this tab knows */
  }
  for (const listener of listeners) listener();
}

export function useSentOpinions(personId: string): SentOpinion[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => read(personId),
  );
}
