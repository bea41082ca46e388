import argon2 from 'argon2';
import { AppError } from '../errors.js';

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, yet a login stays near 20 ms here.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** At least 8 characters with a letter and a digit: what a site's staff can remember and type on a phone. */
export function assertStrongPassword(password: string): void {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
    throw new AppError('PASSWORD_TOO_WEAK', { status: 400, message: 'Password needs 8+ characters with letters and digits', params: { minLength: 8 } });
  }
}
