/**
 * The alert sound, made with WebAudio (no audio file to download or cache). Browsers start audio
 * only after a user gesture: the first tap anywhere unlocks it (`unlockAudioOnFirstTap`), so a
 * call arriving later can ring. Everything is feature-detected: WeChat's built-in browser and
 * old WebViews may lack AudioContext or vibrate, and then simply stay quiet.
 */
import { VIBRATION, type AttentionKind } from './attention-rules';

type AudioContextCtor = new () => AudioContext;
let context: AudioContext | null = null;

function audioContextCtor(): AudioContextCtor | null {
  const w = globalThis as unknown as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

export const canPlaySound = (): boolean => audioContextCtor() !== null;

function ensureContext(): AudioContext | null {
  if (context) return context;
  const Ctor = audioContextCtor();
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/** Call from a tap: creates or resumes the context, which the browser then lets play. */
export function unlockAudio(): void {
  const ctx = ensureContext();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    // A silent blip: iOS unlocks only once something was actually started inside the gesture.
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const osc = ctx.createOscillator();
    osc.connect(gain);
    osc.start();
    osc.stop(ctx.currentTime + 0.01);
  } catch {
    // quiet
  }
}

let unlockInstalled = false;
/** Unlocks on the first tap or key, once per page. */
export function unlockAudioOnFirstTap(): void {
  if (unlockInstalled || typeof document === 'undefined') return;
  unlockInstalled = true;
  const unlock = () => {
    unlockAudio();
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('touchend', unlock, true);
    document.removeEventListener('keydown', unlock, true);
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('touchend', unlock, true);
  document.addEventListener('keydown', unlock, true);
}

/** Tones (Hz) per kind: rising for a hand-off or call, insistent for an incident. */
const TONES: Record<AttentionKind, number[]> = {
  handoff: [880, 1175],
  shuttle: [988, 1319, 988],
  incident: [1047, 784, 1047, 784],
  round: [659, 659],
  handover: [784, 988],
};

export function playChime(kind: AttentionKind): void {
  const ctx = ensureContext();
  if (!ctx || ctx.state !== 'running') return; // not unlocked yet: vibration still tells
  try {
    const start = ctx.currentTime + 0.02;
    TONES[kind].forEach((freq, i) => {
      const at = start + i * 0.22;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.21);
    });
  } catch {
    // quiet
  }
}

export function vibrate(kind: AttentionKind): void {
  try {
    if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATION[kind]);
  } catch {
    // some WebViews throw instead of ignoring
  }
}
