import { paths } from './paths.js';

/**
 * The "thank you, received" notice on the status page is for the first view right after the form
 * was sent, not for every later visit to a bookmarked link. The form's answer sets a short-lived
 * cookie naming the application and redirects to the clean status URL; the status page shows the
 * notice when the cookie names its application, and expires the cookie in the same answer. That
 * changes nothing stored (GET stays safe) and needs no JavaScript.
 */
export const receivedCookieName = 'qm-mottagen';

/** Only the status pages see it (the cookie path is their common prefix, `/status/`); it is worthless after a minute. */
const attributes = `Path=${paths.status('')}; HttpOnly; SameSite=Lax; Secure`;

export function receivedCookie(applicationId: string): string {
  return `${receivedCookieName}=${applicationId}; Max-Age=60; ${attributes}`;
}

export function clearedReceivedCookie(): string {
  return `${receivedCookieName}=; Max-Age=0; ${attributes}`;
}

/** Whether the request's cookies (payload 2.0 `cookies`, "name=value" each) carry the notice for this application. */
export function hasReceivedCookie(cookies: readonly string[] | undefined, applicationId: string): boolean {
  return (cookies ?? []).some((cookie) => cookie.trim() === `${receivedCookieName}=${applicationId}`);
}
