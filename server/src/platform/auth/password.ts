import argon2 from 'argon2';
import { isStrongPassword, PASSWORD_MIN_LENGTH } from '@anchang/contracts';
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

export function assertStrongPassword(password: string): void {
  if (!isStrongPassword(password)) {
    throw new AppError('PASSWORD_TOO_WEAK', {
      status: 400,
      message: 'Password needs 8+ characters with letters and digits',
      params: { minLength: PASSWORD_MIN_LENGTH },
    });
  }
}
