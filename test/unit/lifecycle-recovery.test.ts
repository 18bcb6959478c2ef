import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationRepository } from '../../functions/adapters/application.repository.js';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { MemberRepository } from '../../functions/adapters/member.repository.js';
import { PartnerRepository } from '../../functions/adapters/partner.repository.js';
import { ReviewRepository } from '../../functions/adapters/review.repository.js';
import type { WorkflowCallbacks } from '../../functions/use-cases/ports.js';
import type { ApplicationRecord } from '../../functions/domain/application-record.js';
import { hashToken, newSecretToken } from '../../functions/domain/secret-token.js';
import { certifyApplication, requestCompletion } from '../../functions/use-cases/apply-decision.use-case.js';
import { submitCompletion } from '../../functions/use-cases/completion.use-case.js';
import type { LifecycleDeps } from '../../functions/use-cases/lifecycle-deps.js';
import { decideByReviewerLink } from '../../functions/use-cases/reviewer-link.use-case.js';
import { NotificationInProgressError, sendOnce } from '../../functions/use-cases/send-once.js';
import { exampleFull } from '../helpers/application-flow.js';
import { RecordingMailer, startTestTable, type TestTable } from '../renewals/dynalite-table.js';

// The lifecycle's steps against a real DynamoDB protocol (dynalite), where a step dies midway or a
// callback is lost: what was promised still happens, once.
let table: TestTable;
let deps: LifecycleDeps & { mailer: RecordingMailer; woken: { token: string; output: unknown }[] };
let sequence = 0;

class RecordingCallbacks implements WorkflowCallbacks {
  constructor(readonly woken: { token: string; output: unknown }[]) {}
  async succeed(token: string, output: unknown) {
    this.woken.push({ token, output });
    return true;
  }
  async fail() {
    return true;
  }
}

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table?.stop();
});
beforeEach(() => {
  const woken: { token: string; output: unknown }[] = [];
  deps = {
    applications: new ApplicationRepository(table.db, table.tableName),
    reviews: new ReviewRepository(table.db, table.tableName),
    partners: new PartnerRepository(table.db, table.tableName),
    certificates: new CertificateRepository(table.db, table.tableName, [180, 90, 30]),
    members: new MemberRepository(table.db, table.tableName),
    mailer: new RecordingMailer(),
    callbacks: new RecordingCallbacks(woken),
    woken,
    now: () => new Date('2026-11-27T09:15:00Z'),
    publicBaseUrl: 'https://qm.example',
    reviewerEmails: ['granskare@stadskarnor.example'],
    programmeContactEmail: 'qm-ansvarig@stadskarnor.example',
    operatorEmail: 'drift@stadskarnor.example',
    completionDeadlineDays: 60,
  };
});

async function applicationInReview(decision?: { decision: 'approve' | 'reject' | 'request_completion'; comment?: string }): Promise<ApplicationRecord> {
  const id = `A-20261127-T${String(++sequence).padStart(5, '0')}`;
  const at = '2026-11-27T08:00:00.000Z';
  const record: ApplicationRecord = {
    id,
    applicationType: 'full',
    status: 'in_review',
    organisation: { ...exampleFull.organisation, organisationNumber: `802999-${String(sequence).padStart(3, '0')}0`, municipality: 'Exempelstads kommun' },
    contact: { ...exampleFull.contact, role: 'centrumchef' },
    answers: exampleFull.answers,
    locale: 'sv',
    submittedAt: at,
    updatedAt: at,
    version: 1,
    history: [],
    notifications: {},
    reviewRound: 1,
  };
  await deps.applications.create(record);
  await deps.reviews.openRound({ applicationId: id, round: 1, state: 'open', openedAt: at, reviewers: deps.reviewerEmails });
  if (decision) await deps.reviews.recordDecision(id, 1, { ...decision, decidedBy: 'granskare@stadskarnor.example', decidedAt: '2026-11-27T09:00:00.000Z' });
  return record;
}

describe('sending once', () => {
  it("treats another attempt's live claim as 'not yet', so the retry sends rather than skips", async () => {
    // Prepare: an attempt claimed the mail and died before sending
    const app = await applicationInReview();
    await deps.applications.claimNotification(app.id, 'acknowledgement', deps.now());
    // Act
    const retry = sendOnce(deps, app.id, 'acknowledgement', () => deps.mailer.send({ to: ['x@example.se'], subject: 's', html: '', text: '' }));
    // Assess: the step fails (and is retried); once the claim has lapsed the mail goes out
    await expect(retry).rejects.toBeInstanceOf(NotificationInProgressError);
    const later = { ...deps, now: () => new Date(deps.now().getTime() + 60_000) };
    expect(await sendOnce(later, app.id, 'acknowledgement', () => deps.mailer.send({ to: ['x@example.se'], subject: 's', html: '', text: '' }))).toBe(true);
    expect(await sendOnce(later, app.id, 'acknowledgement', () => deps.mailer.send({ to: ['x@example.se'], subject: 's', html: '', text: '' }))).toBe(false);
    expect(deps.mailer.messages).toHaveLength(1);
  });
});

describe('certifying', () => {
  it('creates the certificate before the application says certified, and a retry finishes without a second one', async () => {
    // Prepare: the first attempt's certificate write fails
    const app = await applicationInReview({ decision: 'approve' });
    const failingCreate = { ...deps, certificates: Object.assign(Object.create(deps.certificates), { create: async () => Promise.reject(new Error('throttled')) }) };
    // Act
    await expect(certifyApplication(failingCreate, { applicationId: app.id, round: 1 })).rejects.toThrow('throttled');
    const afterFailure = await deps.applications.get(app.id);
    const { certificateId } = await certifyApplication(deps, { applicationId: app.id, round: 1 });
    // Assess
    expect(afterFailure?.status).toBe('in_review');
    expect(afterFailure?.certificateId).toBe(certificateId);
    expect((await deps.applications.get(app.id))?.status).toBe('certified');
    expect((await deps.certificates.get(certificateId))?.validUntil).toBe('2029-11-27');
    expect((await deps.certificates.latestForOrganisation(app.organisation.organisationNumber))?.latestCertificateId).toBe(certificateId);
    expect(deps.mailer.messages.filter((m) => m.subject.startsWith('Grattis'))).toHaveLength(1);
  });
});

describe('completion', () => {
  it('states the deadline as a whole day that ends before the workflow’s timer (the decision plus the configured days)', async () => {
    const app = await applicationInReview({ decision: 'request_completion', comment: 'Bifoga budgeten.' });
    await requestCompletion(deps, { applicationId: app.id, round: 1, taskToken: 'task-1' });
    const request = await deps.reviews.getCompletionRequest(app.id, 1);
    // Decided 27 November 2026 10:00 in Stockholm; the timer fires 26 January 2027 10:00, so the last
    // whole day is 25 January, which ends at midnight Stockholm time (23:00 UTC in winter).
    expect(request?.deadline).toBe('2027-01-25T23:00:00.000Z');
    expect(deps.mailer.messages[0]?.text).toContain('Komplettera ansökan senast 25 januari 2027.');
    expect(deps.mailer.messages[0]?.text).toContain('Har vi inte fått kompletteringen senast den dagen avslutas ansökan.');
  });

  it('keeps the answer with the request, so a repeated submission re-applies it and wakes the workflow', async () => {
    // Prepare: completion requested; the applicant's link
    const app = await applicationInReview({ decision: 'request_completion', comment: 'Bifoga budgeten.' });
    await requestCompletion(deps, { applicationId: app.id, round: 1, taskToken: 'task-2' });
    const token = newSecretToken();
    await deps.reviews.putCompletionLink({ tokenHash: hashToken(token), applicationId: app.id, round: 1 }, deps.now());
    const completed = { type: 'full' as const, organisation: { ...app.organisation, website: 'https://ny.example' }, contact: app.contact, partners: exampleFull.partners as never, answers: app.answers };
    // The first attempt recorded the answer but died before anything else
    await deps.reviews.answerCompletion(app.id, 1, '2026-11-28T10:00:00.000Z', { organisation: app.organisation, contact: app.contact, answers: app.answers }, completed);
    // Act: the applicant sends again
    const result = await submitCompletion(deps, token, completed);
    // Assess
    expect(result.kind).toBe('answered');
    expect((await deps.applications.get(app.id))?.organisation.website).toBe('https://ny.example');
    expect(deps.woken.map((w) => w.token)).toEqual(['task-2']);
  });
});

describe('decisions', () => {
  it('a later attempt wakes the workflow again, in case the first callback was lost', async () => {
    // Prepare: a decided round with a parked token; the first decider's callback never arrived
    const app = await applicationInReview({ decision: 'reject', comment: 'Saknar avtal.' });
    await deps.reviews.attachTaskToken(app.id, 1, 'task-3');
    const token = newSecretToken();
    await deps.reviews.putReviewLink({ tokenHash: hashToken(token), applicationId: app.id, round: 1, reviewer: 'granskare@stadskarnor.example' }, deps.now());
    // Act
    const result = await decideByReviewerLink(deps, token, { decision: 'approve', comment: undefined, assessment: {} });
    // Assess: no second decision, but the workflow gets the first one
    expect(result.kind).toBe('already_decided');
    expect(deps.woken).toEqual([{ token: 'task-3', output: expect.objectContaining({ decision: 'reject', round: 1 }) }]);
  });
});
