import * as z from '../lib/zod.js';
import { adminDependencies } from '../adapters/admin-dependencies.js';
import { clearedSessionCookie, sessionSetCookie } from '../domain/staff-session.js';
import { readAdminForm, routedHandler, staffAction } from '../http/admin-http.js';
import { htmlResponse, redirectResponse } from '../http/responses.js';
import { renderSignInButton, renderSignInForm, renderSignInLinkUnusable, renderSignInSent } from '../templates/admin-sign-in.template.js';
import { requestSignInLink, signInWithLink, viewSignInLink } from '../use-cases/staff-sign-in.use-case.js';
import { logger } from '../lambda/logger.js';
import { paths } from '../http/paths.js';

const emailSchema = z.email();

/**
 * Staff sign-in by email link: the form, the neutral answer, the link's page (a button: opening a
 * link never signs in, because mail scanners open links) and the sign-in itself; and sign-out.
 */
export const handler = routedHandler({
  'GET /admin/sign-in': async () => htmlResponse(200, renderSignInForm()),

  'POST /admin/sign-in': async (event) => {
    const form = await readAdminForm(event);
    const email = form?.fields.email?.trim() ?? '';
    if (!emailSchema.safeParse(email).success) {
      return htmlResponse(400, renderSignInForm({ error: 'Skriv en e-postadress, till exempel namn@stadskarnor.se.', value: email }));
    }
    const outcome = await requestSignInLink(adminDependencies().signIn, email);
    // The answer is the same for every outcome; only the log tells them apart (without the address).
    logger.info('Sign-in link requested', { outcome });
    return htmlResponse(200, renderSignInSent());
  },

  'GET /admin/sign-in/{token}': async (event) => {
    const token = event.pathParameters?.token ?? '';
    const state = await viewSignInLink(adminDependencies().signIn, token);
    return state === 'usable' ? htmlResponse(200, renderSignInButton(paths.staffSignIn(token))) : htmlResponse(410, renderSignInLinkUnusable());
  },

  'POST /admin/sign-in/{token}': async (event) => {
    const deps = adminDependencies();
    const signedIn = await signInWithLink(deps.signIn, event.pathParameters?.token ?? '');
    if (!signedIn) return htmlResponse(410, renderSignInLinkUnusable());
    return { ...redirectResponse(paths.admin.home), cookies: [sessionSetCookie(signedIn.sessionId, deps.secureCookies)] };
  },

  'POST /admin/sign-out': staffAction(async (_event, staff, _form, deps) => {
    await deps.sessions.signOut(staff);
    return { ...redirectResponse(paths.admin.signIn), cookies: [clearedSessionCookie(deps.secureCookies)] };
  }),
});
