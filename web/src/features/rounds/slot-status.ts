import type { RoundSlot } from '@anchang/contracts';

/** One color per slot state, the same on the phone (antd-mobile Tag) and in the console grid. */
export const SLOT_COLORS: Record<SlotView, string> = {
  met: '#1f8a5b',
  missed: '#d4380d',
  late: '#d48806',
  open: '#1e63c4',
  upcoming: '#a3a9b3',
};

/** The i18n key of a slot state. */
export const slotStatusKey = (view: SlotView) => `rounds.status.${view}` as const;

/** Where a slot stands at `now`: decided, open (inside its window) or upcoming. */
export type SlotView = 'met' | 'missed' | 'late' | 'open' | 'upcoming';
export function slotView(slot: RoundSlot, now: number): SlotView {
  if (slot.status !== 'pending') return slot.status;
  // Past its window the server decides it within moments: show it as missed already.
  if (now > slot.graceEndsAt) return 'missed';
  return now >= slot.dueAt ? 'open' : 'upcoming';
}

/** The slot to act on next: the earliest open one, else the earliest upcoming one. */
export function nextSlot(slots: readonly RoundSlot[], now: number): RoundSlot | null {
  return slots.find((s) => slotView(s, now) === 'open') ?? slots.find((s) => slotView(s, now) === 'upcoming') ?? null;
}
