/**
 * The server's password rule, checked before sending so a person learns it while typing.
 * The server stays the authority (PASSWORD_TOO_WEAK).
 */
export { isStrongPassword, PASSWORD_MIN_LENGTH } from '@anchang/contracts';
