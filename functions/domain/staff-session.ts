import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * The rules of staff sign-in by email link and of staff sessions. The association has no identity
 * provider and already trusts email links; these numbers are the contract.
 */
export const signInLinkValidityMs = 15 * 60_000;
export const signInMailsPerHour = 5;
export const sessionIdleMs = 8 * 60 * 60_000;
export const sessionAbsoluteMs = 7 * 24 * 60 * 60_000;

/** The partition-key prefix of staff-session items (IAM lets read-only functions update only these). */
export const sessionKeyPrefix = 'STAFFSESSION#';

/** Addresses compare case-insensitively; staff items and rate counters are keyed by this form. */
export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

export interface StaffSessionRecord {
  email: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt?: string;
}

export type SessionState = 'active' | 'ended' | 'idle_expired' | 'absolute_expired';

/** Whether a session still lets its holder in at `now`: not signed out, used in the last 8 hours, at most 7 days old. */
export function sessionState(session: StaffSessionRecord, now: Date): SessionState {
  if (session.endedAt) return 'ended';
  if (now.getTime() - Date.parse(session.createdAt) >= sessionAbsoluteMs) return 'absolute_expired';
  if (now.getTime() - Date.parse(session.lastSeenAt) >= sessionIdleMs) return 'idle_expired';
  return 'active';
}

/** The sends within the last hour (a sliding window), oldest first. */
export function sendsWithinHour(sentAt: readonly string[], now: Date): string[] {
  const cutoff = now.getTime() - 60 * 60_000;
  return sentAt.filter((at) => Date.parse(at) > cutoff).sort();
}

/**
 * The CSRF token of a session: an HMAC keyed by the session id, so it is bound to the session,
 * needs no storage, and is useless without the session cookie (which a cross-site page cannot read).
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('qm-admin-csrf').digest('base64url');
}

export function csrfMatches(sessionId: string, submitted: string | undefined): boolean {
  if (!submitted) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Cookies are Secure everywhere except on plain http://localhost (the local system), where a
 * browser would otherwise drop them. With Secure, the `__Host-` prefix also pins them to this host
 * and Path=/.
 */
export function usesSecureCookies(publicBaseUrl: string): boolean {
  const url = new URL(publicBaseUrl);
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-qm-staff' : 'qm-staff';
}

export function sessionSetCookie(sessionId: string, secure: boolean): string {
  return stringifySetCookie({
    name: sessionCookieName(secure),
    value: sessionId,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    // The server decides expiry (idle and absolute); the browser may keep it no longer than the absolute limit.
    maxAge: sessionAbsoluteMs / 1000,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: sessionCookieName(secure), value: '', httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 });
}

/** The session id from the request's cookies (payload 2.0 gives them as `name=value` strings). */
export function sessionIdFromCookies(cookies: readonly string[] | undefined, secure: boolean): string | undefined {
  const parsed = parseCookie((cookies ?? []).join('; '));
  const value = parsed[sessionCookieName(secure)];
  return value ? value : undefined;
}

export interface StaffMember {
  email: string;
  addedAt: string;
  addedBy: string;
  removedAt?: string;
}

export interface SignInToken {
  email: string;
  validUntil: string;
  usedAt?: string;
}
