/** Turning API failures into words a person can act on, in the current language. */
import type { FormInstance } from 'antd';
import { i18n, translateDynamic } from '../../i18n';
import { PASSWORD_MIN_LENGTH } from '../auth/password-rules';
import { ApiError } from './client';

/** Values for placeholders when the server sent no params, so no raw `{{name}}` reaches the screen. */
const DEFAULT_PARAMS: Record<string, Record<string, unknown>> = {
  LOGIN_RATE_LIMITED: { retryAfterSeconds: 60 },
  PASSWORD_TOO_WEAK: { minLength: PASSWORD_MIN_LENGTH },
};

/** The translated message for any thrown value; `errors.<code>` with the server's params. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const params = { ...DEFAULT_PARAMS[error.code], ...error.params };
    return translateDynamic(`errors.${error.code}`, error.message || i18n.t('errors.UNKNOWN'), params);
  }
  return i18n.t('errors.UNKNOWN');
}

/** Which form field an error code is about, per form: e.g. { LOGIN_TAKEN: 'login' }. */
export type FieldErrorMap = Partial<Record<string, string | string[]>>;

/**
 * Shows a server error on the field it concerns (so the person sees it where they typed) and
 * returns true; returns false when the code belongs to no field, for the caller to show it.
 * VALIDATION_FAILED issues point at fields by JSON pointer (`/name`).
 */
export function applyFieldError(form: FormInstance, error: unknown, map: FieldErrorMap): boolean {
  if (!(error instanceof ApiError)) return false;
  const message = describeError(error);
  const field = map[error.code];
  if (field) {
    form.setFields([{ name: field, errors: [message] }]);
    return true;
  }
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.params.issues)) {
    const known = new Set(form.getFieldsValue(true) ? Object.keys(form.getFieldsValue(true) as object) : []);
    let applied = false;
    for (const issue of error.params.issues as { path?: string; field?: string; message?: string }[]) {
      const name = issue.field ?? issue.path?.split('/').filter(Boolean)[0];
      if (name && known.has(name)) {
        form.setFields([{ name, errors: [message] }]);
        applied = true;
      }
    }
    return applied;
  }
  return false;
}
