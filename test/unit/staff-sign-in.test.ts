import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../functions/adapters/audit.repository.js';
import { StaffRepository } from '../../functions/adapters/staff.repository.js';
import { hashToken } from '../../functions/domain/secret-token.js';
import {
  clearedSessionCookie,
  csrfMatches,
  csrfTokenFor,
  sendsWithinHour,
  sessionIdFromCookies,
  sessionSetCookie,
  sessionState,
  usesSecureCookies,
} from '../../functions/domain/staff-session.js';
import { EmailLinkSessionLayer, requestSignInLink, signInWithLink, viewSignInLink, type StaffSignInDeps } from '../../functions/use-cases/staff-sign-in.use-case.js';
import { RecordingMailer, startTestTable, type TestTable } from '../renewals/dynalite-table.js';

const staffAddress = 'qm-ansvarig@stadskarnor.example';
let table: TestTable;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table.stop();
});

/** Sign-in deps on a real (in-memory) table, with a clock the test moves. */
function signInDeps(start = new Date('2026-11-25T09:00:00Z')) {
  const clock = { now: start };
  const mailer = new RecordingMailer();
  const staff = new StaffRepository(table.db, table.tableName);
  const deps: StaffSignInDeps = {
    staff,
    audit: new AuditRepository(table.db, table.tableName),
    mailer,
    now: () => clock.now,
    publicBaseUrl: 'https://qm.example',
    configuredStaff: [staffAddress],
  };
  const tokenIn = (i: number) => /\/admin\/sign-in\/([A-Za-z0-9_-]{43})/.exec(mailer.messages[i]!.text)![1]!;
  return { deps, mailer, clock, tokenIn, advance: (ms: number) => (clock.now = new Date(clock.now.getTime() + ms)) };
}

describe('sign-in links', () => {
  it('mail only staff, a 256-bit link to /admin/sign-in/{token}, stored only as a hash', async () => {
    // Prepare
    const { deps, mailer, tokenIn } = signInDeps();

    // Act
    const forStaff = await requestSignInLink(deps, ' QM-Ansvarig@Stadskarnor.example ');
    const forStranger = await requestSignInLink(deps, 'someone@elsewhere.example');

    // Assess
    expect(forStaff).toBe('sent');
    expect(forStranger).toBe('not_staff');
    expect(mailer.messages.map((m) => m.to)).toEqual([[staffAddress]]);
    const token = tokenIn(0);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(await deps.staff.findSignInToken(token)).toBeUndefined();
    expect(await deps.staff.findSignInToken(hashToken(token))).toMatchObject({ email: staffAddress });
  });

  it('are valid 15 minutes', async () => {
    // Prepare
    const { deps, tokenIn, advance } = signInDeps(new Date('2026-11-26T09:00:00Z'));
    await requestSignInLink(deps, staffAddress);
    const token = tokenIn(0);

    // Act
    advance(15 * 60_000 - 1000);
    const justBefore = await viewSignInLink(deps, token);
    advance(1000);
    const atTheLimit = await viewSignInLink(deps, token);
    const signedIn = await signInWithLink(deps, token);

    // Assess
    expect(justBefore).toBe('usable');
    expect(atTheLimit).toBe('unusable');
    expect(signedIn).toBeUndefined();
  });

  it('sign in once: viewing changes nothing, the second use gets nothing', async () => {
    // Prepare
    const { deps, tokenIn } = signInDeps(new Date('2026-11-27T09:00:00Z'));
    await requestSignInLink(deps, staffAddress);
    const token = tokenIn(0);

    // Act
    const viewedTwice = [await viewSignInLink(deps, token), await viewSignInLink(deps, token)];
    const [first, second] = await Promise.all([signInWithLink(deps, token), signInWithLink(deps, token)]);

    // Assess
    expect(viewedTwice).toEqual(['usable', 'usable']);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await viewSignInLink(deps, token)).toBe('unusable');
  });

  it('go to an address at most five times an hour (a sliding hour)', async () => {
    // Prepare
    const { deps, mailer, advance } = signInDeps(new Date('2026-11-28T09:00:00Z'));

    // Act
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await requestSignInLink(deps, staffAddress));
      advance(60_000);
    }
    advance(55 * 60_000);
    const afterTheHour = await requestSignInLink(deps, staffAddress);

    // Assess
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'rate_limited']);
    expect(afterTheHour).toBe('sent');
    expect(mailer.messages).toHaveLength(6);
  });
});

describe('sessions', () => {
  it('expire after 8 idle hours, slide while used, and end after 7 days whatever happens', async () => {
    // Prepare
    const { deps, tokenIn, advance } = signInDeps(new Date('2026-12-01T08:00:00Z'));
    const layer = new EmailLinkSessionLayer(deps);
    await requestSignInLink(deps, staffAddress);
    const { sessionId } = (await signInWithLink(deps, tokenIn(0)))!;

    // Act: used every 7 hours for almost a week, then once more past the 7 days
    const seen: boolean[] = [];
    for (let elapsed = 0; elapsed + 7 < 7 * 24; elapsed += 7) {
      advance(7 * 3_600_000);
      seen.push((await layer.identify(sessionId)) !== undefined);
    }
    advance(7 * 3_600_000);
    const pastAWeek = await layer.identify(sessionId);

    // Assess
    expect(seen.every(Boolean)).toBe(true);
    expect(pastAWeek).toBeUndefined();
  });

  it('end when idle for 8 hours', async () => {
    // Prepare
    const { deps, tokenIn, advance } = signInDeps(new Date('2026-12-10T08:00:00Z'));
    const layer = new EmailLinkSessionLayer(deps);
    await requestSignInLink(deps, staffAddress);
    const { sessionId } = (await signInWithLink(deps, tokenIn(0)))!;

    // Act
    advance(8 * 3_600_000 - 1000);
    const justBefore = await layer.identify(sessionId);
    advance(8 * 3_600_000);
    const idle = await layer.identify(sessionId);

    // Assess
    expect(justBefore?.email).toBe(staffAddress);
    expect(idle).toBeUndefined();
  });

  it('end server-side on sign-out; the id is stored only as a hash', async () => {
    // Prepare
    const { deps, tokenIn } = signInDeps(new Date('2026-12-20T08:00:00Z'));
    const layer = new EmailLinkSessionLayer(deps);
    await requestSignInLink(deps, staffAddress);
    const { sessionId } = (await signInWithLink(deps, tokenIn(0)))!;
    const staff = (await layer.identify(sessionId))!;

    // Act
    await layer.signOut(staff);

    // Assess
    expect(await layer.identify(sessionId)).toBeUndefined();
    expect(await deps.staff.getSession(sessionId)).toBeUndefined();
    expect((await deps.staff.getSession(hashToken(sessionId)))?.endedAt).toBeDefined();
  });

  it('state rules: ended, idle and absolute limits', () => {
    const created = '2026-01-01T00:00:00.000Z';
    const at = (iso: string) => new Date(iso);
    expect(sessionState({ email: 'a', createdAt: created, lastSeenAt: created }, at('2026-01-01T07:59:59Z'))).toBe('active');
    expect(sessionState({ email: 'a', createdAt: created, lastSeenAt: created }, at('2026-01-01T08:00:00Z'))).toBe('idle_expired');
    expect(sessionState({ email: 'a', createdAt: created, lastSeenAt: '2026-01-07T23:00:00Z' }, at('2026-01-08T00:00:00Z'))).toBe('absolute_expired');
    expect(sessionState({ email: 'a', createdAt: created, lastSeenAt: created, endedAt: created }, at('2026-01-01T00:00:01Z'))).toBe('ended');
  });
});

describe('cookies and CSRF', () => {
  it('the cookie is HttpOnly, SameSite=Lax, Path=/, and Secure except on http://localhost', () => {
    expect(usesSecureCookies('http://localhost:3000')).toBe(false);
    expect(usesSecureCookies('https://qm.stadskarnor.se')).toBe(true);
    expect(usesSecureCookies('http://qm.example')).toBe(true);
    const local = sessionSetCookie('abc', false);
    const deployed = sessionSetCookie('abc', true);
    for (const cookie of [local, deployed]) {
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
    }
    expect(local).not.toContain('Secure');
    expect(deployed).toContain('Secure');
    expect(deployed.startsWith('__Host-')).toBe(true);
    expect(clearedSessionCookie(true)).toContain('Max-Age=0');
    expect(sessionIdFromCookies(['other=1', 'qm-staff=xyz'], false)).toBe('xyz');
    expect(sessionIdFromCookies(['qm-staff=xyz'], true)).toBeUndefined();
  });

  it('the CSRF token is bound to the session', () => {
    const token = csrfTokenFor('session-a');
    expect(csrfMatches('session-a', token)).toBe(true);
    expect(csrfMatches('session-b', token)).toBe(false);
    expect(csrfMatches('session-a', undefined)).toBe(false);
    expect(csrfMatches('session-a', `${token}x`)).toBe(false);
    expect(token).not.toContain('session-a');
  });

  it('counts only the sends of the last hour', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(sendsWithinHour(['2026-01-01T10:59:59Z', '2026-01-01T11:00:01Z', '2026-01-01T11:30:00Z'], now)).toEqual(['2026-01-01T11:00:01Z', '2026-01-01T11:30:00Z']);
  });
});
