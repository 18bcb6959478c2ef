import type { Mailer } from '../domain/email-message.js';
import { hashToken, isWellFormedToken, newSecretToken } from '../domain/secret-token.js';
import { csrfTokenFor, normaliseEmail, sessionState, signInLinkValidityMs } from '../domain/staff-session.js';
import { signInLinkEmail } from '../templates/admin-emails.template.js';
import type { AuditStore, StaffStore } from './ports.js';
import { absoluteUrl, paths } from '../http/paths.js';

/**
 * Who is signed in to the workspace, behind one small interface. The email-link implementation
 * below is one; a single-sign-on organisation can put an OIDC or Cognito implementation in its
 * place (see README, "Staff sign-in") without touching the workspace's pages or actions.
 */
export interface SignedInStaff {
  email: string;
  /** The value every state-changing form must send back as `csrf`. */
  csrfToken: string;
  /** The credential as the request carried it (the session id here), to end it on sign-out. */
  credential: string;
}

export interface StaffSessionLayer {
  /** The staff member a request's credential (here: the session cookie's value) belongs to, if still good. */
  identify(credential: string | undefined): Promise<SignedInStaff | undefined>;
  /** Ends the session server-side: the credential no longer identifies anyone. */
  signOut(staff: SignedInStaff): Promise<void>;
}

export interface StaffSignInDeps {
  staff: StaffStore;
  audit: Pick<AuditStore, 'record'>;
  mailer: Mailer;
  now: () => Date;
  publicBaseUrl: string;
  /** The stage configuration's staff, put into the table on first use. */
  configuredStaff: readonly string[];
}

let staffEnsured = false;

/** The configured staff are in the table before anyone is looked up (once per container). */
async function ensureConfiguredStaff(deps: StaffSignInDeps): Promise<void> {
  if (staffEnsured) return;
  await deps.staff.ensureStaff(deps.configuredStaff, deps.now());
  staffEnsured = true;
}

/**
 * Mails a sign-in link, if the address belongs to staff and has had fewer than five in the last
 * hour. The caller answers the same whatever happened here, so the form tells nobody who is staff.
 */
export async function requestSignInLink(deps: StaffSignInDeps, address: string): Promise<'sent' | 'not_staff' | 'rate_limited'> {
  await ensureConfiguredStaff(deps);
  const email = normaliseEmail(address);
  if (!(await deps.staff.isStaff(email))) return 'not_staff';
  const now = deps.now();
  if (!(await deps.staff.claimSignInMail(email, now))) return 'rate_limited';
  const token = newSecretToken();
  const validUntil = new Date(now.getTime() + signInLinkValidityMs).toISOString();
  await deps.staff.putSignInToken(hashToken(token), { email, validUntil });
  await deps.mailer.send(signInLinkEmail(email, absoluteUrl(deps.publicBaseUrl, paths.staffSignIn(token)), validUntil));
  return 'sent';
}

/** Whether a sign-in link can still be used. Reads only: mail scanners open links. */
export async function viewSignInLink(deps: Pick<StaffSignInDeps, 'staff' | 'now'>, token: string): Promise<'usable' | 'unusable'> {
  if (!isWellFormedToken(token)) return 'unusable';
  const stored = await deps.staff.findSignInToken(hashToken(token));
  if (!stored || stored.usedAt || Date.parse(stored.validUntil) <= deps.now().getTime()) return 'unusable';
  return 'usable';
}

/** Uses the link (once) and opens a session; the session id goes to the cookie, only its hash is stored. */
export async function signInWithLink(deps: StaffSignInDeps, token: string): Promise<{ sessionId: string; email: string } | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const now = deps.now();
  const redeemed = await deps.staff.redeemSignInToken(hashToken(token), now);
  if (!redeemed || !(await deps.staff.isStaff(redeemed.email))) return undefined;
  const sessionId = newSecretToken();
  await deps.staff.createSession(hashToken(sessionId), redeemed.email, now);
  await deps.audit.record({ at: now.toISOString(), actor: redeemed.email, action: 'sign-in', itemKind: 'staff', itemId: redeemed.email });
  return { sessionId, email: redeemed.email };
}

/** Sessions by email link: an opaque random id in an HttpOnly cookie, stored hashed, idle 8 h, at most 7 days. */
export class EmailLinkSessionLayer implements StaffSessionLayer {
  constructor(private readonly deps: Pick<StaffSignInDeps, 'staff' | 'now'> & { audit?: Pick<AuditStore, 'record'> }) {}

  async identify(sessionId: string | undefined): Promise<SignedInStaff | undefined> {
    if (!sessionId || !isWellFormedToken(sessionId)) return undefined;
    const now = this.deps.now();
    const session = await this.deps.staff.touchSession(hashToken(sessionId), now);
    if (!session || sessionState(session, now) !== 'active') return undefined;
    // A staff member removed from the table loses access at once, whatever sessions they hold.
    if (!(await this.deps.staff.isStaff(session.email))) return undefined;
    return { email: session.email, csrfToken: csrfTokenFor(sessionId), credential: sessionId };
  }

  async signOut(staff: SignedInStaff): Promise<void> {
    const now = this.deps.now();
    await this.deps.staff.endSession(hashToken(staff.credential), now);
    await this.deps.audit?.record({ at: now.toISOString(), actor: staff.email, action: 'sign-out', itemKind: 'staff', itemId: staff.email });
  }
}
