import argon2 from 'argon2';
import { isStrongPassword, PASSWORD_MIN_LENGTH } from '@anchang/contracts';
import { AppError } from '../errors.js';
import { WorkLimiter, WorkLimiterFullError } from './work-limiter.js';

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, yet a login stays near 20 ms here.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Every hash and verify of the process goes through one small gate: two at once (libuv's pool
 * has four threads, and static files and other work need the rest), a short queue behind them,
 * and a quick 503 beyond it. A flood of wrong passwords then costs two cores' worth of argon2 at
 * most, and the rest of the API keeps answering.
 */
const passwordWork = new WorkLimiter(2, 32);

const busy = () => new AppError('AUTH_BUSY', { message: 'Too many sign-ins at once; try again in a moment', params: { retryAfterSeconds: 1 } });

async function gated<T>(job: () => Promise<T>): Promise<T> {
  try {
    return await passwordWork.run(job);
  } catch (err) {
    if (err instanceof WorkLimiterFullError) throw busy();
    throw err;
  }
}

async function verify(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never matches
  }
}

export function hashPassword(password: string): Promise<string> {
  return gated(() => argon2.hash(password, OPTIONS));
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return gated(() => verify(hash, password));
}

/** A password check whose place in the gate is already taken. */
export interface ReservedPasswordCheck {
  verify(hash: string, password: string): Promise<boolean>;
  /** Gives the place back when the check is not needed after all; harmless after `verify`. */
  release(): void;
}

/**
 * Takes a place in the gate before the check is ready, so that a login the gate could not take
 * is refused (AUTH_BUSY) before it writes anything: under a flood, the shed requests then cost
 * no database work either. Always `release()` in a `finally`.
 */
export function reservePasswordCheck(): ReservedPasswordCheck {
  let reservation;
  try {
    reservation = passwordWork.reserve();
  } catch (err) {
    if (err instanceof WorkLimiterFullError) throw busy();
    throw err;
  }
  return { verify: (hash, password) => reservation.run(() => verify(hash, password)), release: () => reservation.release() };
}

export function assertStrongPassword(password: string): void {
  if (!isStrongPassword(password)) {
    throw new AppError('PASSWORD_TOO_WEAK', {
      message: 'Password needs 8+ characters with letters and digits',
      params: { minLength: PASSWORD_MIN_LENGTH },
    });
  }
}
