/**
 * Names that people give (a person, a zone, a post, a customer, a checkpoint, a store…). One
 * rule for every such field: a name must show something, and may not carry characters that
 * change how the text around it is drawn. A name of spaces only, or with a control character
 * or a bidirectional override (the trick that shows "gpj.exe" as "exe.jpg"), is refused with
 * NAME_INVALID by the server and flagged by the forms before sending.
 */
import { Type, type StringOptions } from '@sinclair/typebox';

/** The JSON-schema `format` the server's validator knows (see server/src/platform/http/validation.ts). */
export const DISPLAY_NAME_FORMAT = 'display-name';

/** C0 and C1 controls, and the Unicode bidirectional marks, embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Characters that draw nothing: whitespace of every script, zero-width spaces and joiners, the BOM. */
const BLANK = /^[\s\u200b-\u200d\u2060\u3164\ufeff]*$/u;

export function isDisplayName(value: string): boolean {
  return !FORBIDDEN.test(value) && !BLANK.test(value);
}

/** A name field: 1…maxLength characters that pass {@link isDisplayName}. */
export const DisplayName = (maxLength: number, opts: StringOptions = {}) =>
  Type.String({ minLength: 1, maxLength, format: DISPLAY_NAME_FORMAT, ...opts });
