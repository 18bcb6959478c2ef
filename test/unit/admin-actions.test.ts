import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationRepository } from '../../functions/adapters/application.repository.js';
import { AuditRepository } from '../../functions/adapters/audit.repository.js';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { MemberRepository } from '../../functions/adapters/member.repository.js';
import { PartnerRepository } from '../../functions/adapters/partner.repository.js';
import { RenewalRepository } from '../../functions/adapters/renewal.repository.js';
import { ReviewRepository } from '../../functions/adapters/review.repository.js';
import type { WorkflowControl } from '../../functions/use-cases/ports.js';
import type { ApplicationRecord } from '../../functions/domain/application-record.js';
import type { ApplicationStatus } from '../../functions/domain/application-status.js';
import { buildOverview } from '../../functions/domain/programme-overview.js';
import { hashToken, newSecretToken } from '../../functions/domain/secret-token.js';
import { renderStatusPage } from '../../functions/templates/status-page.template.js';
import { toCsv, toXlsx } from '../../functions/templates/spreadsheet.js';
import type { AdminDeps } from '../../functions/use-cases/admin/admin-deps.js';
import {
  addNote,
  changeReviewers,
  endOfStockholmDay,
  extendCompletion,
  overridePartners,
  resendReviewLinks,
  resumeStatusFor,
  retryApplication,
  withdrawApplication,
} from '../../functions/use-cases/admin/application-admin.use-case.js';
import { correctCertificate, revokeCertificate } from '../../functions/use-cases/admin/certificate-admin.use-case.js';
import { applicationsTable, certificatesTable } from '../../functions/use-cases/admin/exports.use-case.js';
import { endMembership, importMembersCsv, saveMember } from '../../functions/use-cases/admin/member-admin.use-case.js';
import { expireApplication } from '../../functions/use-cases/apply-decision.use-case.js';
import { decideByReviewerLink, viewReviewerLink } from '../../functions/use-cases/reviewer-link.use-case.js';
import { criteriaFor } from '../../functions/domain/criteria-catalogue.js';
import { exampleFull } from '../helpers/application-flow.js';
import { exampleCertificate } from '../renewals/certificate-fixtures.js';
import { RecordingMailer, startTestTable, type TestTable } from '../renewals/dynalite-table.js';
import { historyText } from '../../functions/templates/history-messages.js';

const staff = 'qm-ansvarig@stadskarnor.example';
let table: TestTable;
let deps: AdminDeps & { partners: PartnerRepository; mailer: RecordingMailer; started: { applicationId: string; name: string }[]; stopped: string[]; answered: { taskToken: string; output: unknown }[] };
let sequence = 0;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table.stop();
});

beforeEach(() => {
  const started: { applicationId: string; name: string }[] = [];
  const stopped: string[] = [];
  const answered: { taskToken: string; output: unknown }[] = [];
  const workflow: WorkflowControl = {
    startNamed: async (applicationId, name) => void started.push({ applicationId, name }),
    stop: async (name) => void stopped.push(name),
  };
  deps = {
    applications: new ApplicationRepository(table.db, table.tableName),
    reviews: new ReviewRepository(table.db, table.tableName),
    certificates: new CertificateRepository(table.db, table.tableName, [180, 90, 30]),
    members: new MemberRepository(table.db, table.tableName),
    partners: new PartnerRepository(table.db, table.tableName),
    audit: new AuditRepository(table.db, table.tableName),
    mailer: new RecordingMailer(),
    workflow,
    callbacks: {
      succeed: async (taskToken, output) => (answered.push({ taskToken, output }), true),
      fail: async () => true,
    },
    answered,
    started,
    stopped,
    now: () => new Date('2026-11-27T09:15:00Z'),
    publicBaseUrl: 'https://qm.example',
    reviewReminderIntervalDays: 7,
  };
});

async function storedApplication(status: ApplicationStatus, extra: Partial<ApplicationRecord> = {}): Promise<ApplicationRecord> {
  sequence++;
  const id = `A-20261127-U${String(sequence).padStart(5, '0')}`;
  const at = '2026-11-20T08:00:00.000Z';
  const record: ApplicationRecord = {
    id,
    applicationType: 'full',
    status,
    organisation: { ...exampleFull.organisation, organisationNumber: `803${String(sequence).padStart(3, '0')}-0000`, municipality: 'Exempelstads kommun' },
    contact: { ...exampleFull.contact, role: 'centrumchef' },
    answers: exampleFull.answers,
    locale: 'sv',
    submittedAt: at,
    updatedAt: at,
    version: 1,
    history: [{ at, actor: exampleFull.contact.email, from: null, to: status }],
    notifications: {},
    ...extra,
  };
  await deps.applications.create(record);
  await deps.applications.claimOpenSlot(record.organisation.organisationNumber, id, new Date(at));
  return record;
}

async function inReviewWithLink(extra: Partial<ApplicationRecord> = {}) {
  const app = await storedApplication('in_review', { reviewRound: 1, ...extra });
  await deps.reviews.openRound({ applicationId: app.id, round: 1, state: 'open', openedAt: app.submittedAt, reviewers: ['granskare@stadskarnor.example'] });
  const token = newSecretToken();
  await deps.reviews.putReviewLink({ tokenHash: hashToken(token), applicationId: app.id, round: 1, reviewer: 'granskare@stadskarnor.example' }, deps.now());
  return { app, token };
}

const everyCriterionMet = (application: ApplicationRecord) => Object.fromEntries(criteriaFor(application.applicationType).map((c) => [c.id, { value: 'met' as const }]));

const linkIn = (text: string) => /\/review\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;

describe('review links', () => {
  it('resending gives the reviewers new links, the old ones stop working, and the history and the audit log say who', async () => {
    // Prepare
    const { app, token } = await inReviewWithLink();

    // Act
    const outcome = await resendReviewLinks(deps, staff, app.id);

    // Assess
    expect(outcome).toEqual({ ok: true });
    expect((await viewReviewerLink(deps, token)).kind).toBe('unknown');
    expect(deps.mailer.messages.map((m) => m.to)).toEqual([['granskare@stadskarnor.example']]);
    expect((await viewReviewerLink(deps, linkIn(deps.mailer.messages[0]!.text))).kind).toBe('open');
    const after = await deps.applications.get(app.id);
    expect(after?.history.at(-1)).toMatchObject({ actor: staff, internal: true });
    expect((await deps.audit.forItem('application', app.id)).map((e) => [e.actor, e.action])).toEqual([[staff, 'resend-review-links']]);
  });

  it('changing the reviewers mails the new ones only, and their links work', async () => {
    // Prepare
    const { app, token } = await inReviewWithLink();

    // Act
    const outcome = await changeReviewers(deps, staff, app.id, ['ny.granskare@stadskarnor.example'], 'Semester');

    // Assess
    expect(outcome.ok).toBe(true);
    expect(deps.mailer.messages.map((m) => m.to)).toEqual([['ny.granskare@stadskarnor.example']]);
    expect((await viewReviewerLink(deps, token)).kind).toBe('unknown');
    const view = await viewReviewerLink(deps, linkIn(deps.mailer.messages[0]!.text));
    expect(view.kind === 'open' && view.reviewer).toBe('ny.granskare@stadskarnor.example');
    expect((await deps.audit.forItem('application', app.id))[0]).toMatchObject({ action: 'change-reviewers', reason: 'Semester' });
  });

  it('is refused when no round is open', async () => {
    const app = await storedApplication('acknowledged');
    expect(await resendReviewLinks(deps, staff, app.id)).toMatchObject({ ok: false, status: 409 });
    expect(deps.mailer.messages).toHaveLength(0);
  });
});

describe('more time for a completion', () => {
  it('moves the deadline to the end of the chosen Swedish day, tells the applicant, and the timer then waits again', async () => {
    // Prepare
    const app = await storedApplication('completion_requested', { reviewRound: 1 });
    await deps.reviews.upsertCompletionRequest({ applicationId: app.id, round: 1, requestedAt: app.submittedAt, comment: 'Bifoga avtalen', deadline: '2026-11-28T08:00:00.000Z', taskToken: 't' });

    // Act
    const outcome = await extendCompletion(deps, staff, app.id, '2027-01-15', 'Styrelsemöte i januari');
    const atOldDeadline = { ...deps, now: () => new Date('2026-11-28T08:00:01Z'), completionDeadlineDays: 60, reviewerEmails: [], programmeContactEmail: 'p@x.se', operatorEmail: 'o@x.se', callbacks: { succeed: async () => true, fail: async () => true } };
    const timer = await expireApplication(atOldDeadline, { applicationId: app.id, round: 1 });

    // Assess
    expect(outcome).toEqual({ ok: true });
    expect((await deps.reviews.getCompletionRequest(app.id, 1))?.deadline).toBe('2027-01-15T22:59:59.999Z');
    expect(timer).toEqual({ answered: false, extended: true });
    expect((await deps.applications.get(app.id))?.status).toBe('completion_requested');
    expect(deps.mailer.messages[0]?.to).toEqual([app.contact.email]);
    expect(deps.mailer.messages[0]?.text).toContain('Styrelsemöte i januari');
  });

  it('refuses a date that is not later than the current deadline', async () => {
    const app = await storedApplication('completion_requested', { reviewRound: 1 });
    await deps.reviews.upsertCompletionRequest({ applicationId: app.id, round: 1, requestedAt: app.submittedAt, comment: 'x', deadline: '2027-01-20T08:00:00.000Z', taskToken: 't' });
    expect(await extendCompletion(deps, staff, app.id, '2027-01-10', 'skäl')).toMatchObject({ ok: false, status: 400 });
    expect(deps.mailer.messages).toHaveLength(0);
  });

  it('ends a day at Swedish midnight, summer and winter', () => {
    expect(endOfStockholmDay('2027-01-15')).toBe('2027-01-15T22:59:59.999Z');
    expect(endOfStockholmDay('2027-07-15')).toBe('2027-07-15T21:59:59.999Z');
  });
});

describe('withdrawal', () => {
  it('ends the application, frees the slot, closes the round, stops the workflow and tells the applicant why', async () => {
    // Prepare
    const { app, token } = await inReviewWithLink();

    // Act
    const outcome = await withdrawApplication(deps, staff, app.id, 'Ansökan skickades in av misstag');

    // Assess
    expect(outcome).toEqual({ ok: true });
    const after = await deps.applications.get(app.id);
    expect(after?.status).toBe('withdrawn');
    expect(after?.history.at(-1)).toMatchObject({ actor: staff, from: 'in_review', to: 'withdrawn' });
    expect((await viewReviewerLink(deps, token)).kind).toBe('ended');
    expect(deps.stopped).toEqual([app.id]);
    expect(deps.mailer.messages.map((m) => m.to)).toEqual([[app.contact.email]]);
    expect(deps.mailer.messages[0]?.text).toContain('Ansökan skickades in av misstag');
    const slot = await deps.applications.claimOpenSlot(app.organisation.organisationNumber, 'A-20261127-NEWONE', deps.now());
    expect(slot.claimed).toBe(true);
    expect(await withdrawApplication(deps, staff, app.id, 'igen')).toMatchObject({ ok: false, status: 409 });
  });

  it('tells the member, not the typed address, when the member had not confirmed the application', async () => {
    // Prepare
    const app = await storedApplication('awaiting_confirmation');
    await deps.members.put({ organisationNumber: app.organisation.organisationNumber, name: 'Provby', town: 'Provby', emails: ['kontakt@provby.example'] }, deps.now());

    // Act
    await withdrawApplication(deps, staff, app.id, 'Dubblett');

    // Assess
    expect(deps.mailer.messages.map((m) => m.to)).toEqual([['kontakt@provby.example']]);
  });
});

describe("overriding the partners' confirmations", () => {
  it('clears the silent and the declining partner for approval, ends their waits, and records the reason in history and audit', async () => {
    // Prepare: the municipality is silent (its wait parked), the property owners declined, the business confirmed
    const partners = [
      { role: 'municipality' as const, organisation: 'Exempelstads kommun', name: 'Kim Kommun', email: 'kim@kommun.example' },
      { role: 'property_owners' as const, organisation: 'Fastighetsägarna', name: 'Fia Fastighet', email: 'fia@fast.example' },
      { role: 'business' as const, organisation: 'Handelsföreningen', name: 'Hans Handel', email: 'hans@handel.example' },
    ];
    const { app, token } = await inReviewWithLink({ partners });
    const application = app;
    await deps.partners.upsertRequest({ applicationId: app.id, index: 0, ...partners[0]!, requestedAt: app.submittedAt, taskToken: 'wait-0' });
    await deps.partners.upsertRequest({ applicationId: app.id, index: 1, ...partners[1]!, requestedAt: app.submittedAt, taskToken: 'wait-1' });
    await deps.partners.answer(app.id, 1, 'decline', 'Vi har inte skrivit avtalet', app.submittedAt);
    await deps.partners.upsertRequest({ applicationId: app.id, index: 2, ...partners[2]!, requestedAt: app.submittedAt, taskToken: 'wait-2' });
    await deps.partners.answer(app.id, 2, 'confirm', undefined, app.submittedAt);
    const pendingBefore = await decideByReviewerLink(deps as never, token, { decision: 'approve', comment: undefined, assessment: everyCriterionMet(application) });

    // Act
    const outcome = await overridePartners(deps, staff, app.id, 'Kommunen bekräftade per brev; avtalet med fastighetsägarna är undertecknat');

    // Assess
    expect(pendingBefore.kind).toBe('partners_pending');
    expect(outcome).toEqual({ ok: true });
    const confirmations = await deps.partners.list(app.id);
    expect(confirmations.map((c) => [c.index, c.decision, c.overriddenBy])).toEqual([
      [0, undefined, staff],
      [1, 'decline', staff],
      [2, 'confirm', undefined],
    ]);
    // Only the silent partner was still waited on.
    expect(deps.answered).toEqual([{ taskToken: 'wait-0', output: { decision: 'overridden' } }]);
    const history = (await deps.applications.get(app.id))!.history.filter((h) => h.event === 'partner_overridden');
    expect(history.map((h) => historyText(h, 'sv'))).toEqual([
      'Ansökan får godkännas utan bekräftelse från Kommunen (Exempelstads kommun): Kommunen bekräftade per brev; avtalet med fastighetsägarna är undertecknat',
      'Ansökan får godkännas utan bekräftelse från Fastighetsägarna: Kommunen bekräftade per brev; avtalet med fastighetsägarna är undertecknat',
    ]);
    const audit = await deps.audit.forItem('application', app.id);
    expect(audit.map((a) => [a.action, a.actor, a.reason])).toContainEqual(['override-partners', staff, 'Kommunen bekräftade per brev; avtalet med fastighetsägarna är undertecknat']);
    const approval = await decideByReviewerLink(deps as never, token, { decision: 'approve', comment: undefined, assessment: everyCriterionMet(application) });
    expect(approval.kind).toBe('decided');
  });

  it('is refused when every partner has confirmed, and for an application that has ended', async () => {
    // Prepare
    const partner = { role: 'municipality' as const, organisation: 'Exempelstads kommun', name: 'Kim Kommun', email: 'kim@kommun.example' };
    const confirmed = await storedApplication('in_review', { partners: [partner] });
    await deps.partners.upsertRequest({ applicationId: confirmed.id, index: 0, ...partner, requestedAt: confirmed.submittedAt, taskToken: 't' });
    await deps.partners.answer(confirmed.id, 0, 'confirm', undefined, confirmed.submittedAt);
    const ended = await storedApplication('rejected', { partners: [partner] });

    // Act
    const outcomes = [await overridePartners(deps, staff, confirmed.id, 'skäl'), await overridePartners(deps, staff, ended.id, 'skäl'), await overridePartners(deps, staff, 'A-20261127-NOSUCH', 'skäl')];

    // Assess
    expect(outcomes.map((o) => (o.ok ? 200 : o.status))).toEqual([409, 409, 404]);
    expect(deps.answered).toEqual([]);
  });
});

describe('restarting a failed application', () => {
  it('resumes where it stood (review → a new round), in a new execution, and claims the slot again', async () => {
    // Prepare
    const app = await storedApplication('failed', {
      reviewRound: 1,
      history: [
        { at: '2026-11-20T08:00:00.000Z', actor: 'x', from: null, to: 'submitted' },
        { at: '2026-11-21T08:00:00.000Z', actor: 'system', from: 'in_review', to: 'failed', comment: 'Arbetsflödet stoppades' },
      ],
    });
    await deps.applications.releaseOpenSlot(app.organisation.organisationNumber, app.id);

    // Act
    const first = await retryApplication(deps, staff, app.id, 'SES fungerar igen');
    const again = await retryApplication(deps, staff, app.id, undefined);

    // Assess
    expect(first).toEqual({ ok: true });
    expect(again).toMatchObject({ ok: false, status: 409 });
    const after = await deps.applications.get(app.id);
    expect(after?.status).toBe('acknowledged');
    expect(after?.history.at(-1)).toMatchObject({ actor: staff, from: 'failed', to: 'acknowledged' });
    expect(deps.started).toEqual([{ applicationId: app.id, name: `${app.id}-r1` }]);
    const other = await deps.applications.claimOpenSlot(app.organisation.organisationNumber, 'A-20261127-OTHER1', deps.now());
    expect(other.claimed).toBe(false);
  });

  it('is refused while another application of the organisation is open', async () => {
    const app = await storedApplication('failed', { history: [{ at: 'x', actor: 'system', from: 'submitted', to: 'failed' }] });
    await deps.applications.releaseOpenSlot(app.organisation.organisationNumber, app.id);
    const other = await storedApplication('submitted', { organisation: app.organisation });
    expect(await retryApplication(deps, staff, app.id, undefined)).toMatchObject({ ok: false, status: 409 });
    expect(deps.started).toEqual([]);
    expect((await deps.applications.get(app.id))?.status).toBe('failed');
    expect(other.id).not.toBe(app.id);
  });

  it('maps the status it failed in to where it resumes', () => {
    const failedFrom = (from: ApplicationStatus | null) => ({ history: [{ at: 'x', actor: 's', from, to: 'failed' as const }] }) as unknown as ApplicationRecord;
    expect(resumeStatusFor(failedFrom('awaiting_confirmation'))).toBe('awaiting_confirmation');
    expect(resumeStatusFor(failedFrom('submitted'))).toBe('submitted');
    expect(resumeStatusFor(failedFrom('in_review'))).toBe('acknowledged');
    expect(resumeStatusFor(failedFrom('completion_requested'))).toBe('acknowledged');
  });
});

describe('internal notes', () => {
  it('are in the history for staff and never on the applicant’s status page', async () => {
    const app = await storedApplication('in_review');
    await addNote(deps, staff, app.id, 'Ringde centrumchefen, hon skickar avtalen');
    const after = (await deps.applications.get(app.id))!;
    expect(after.history.at(-1)).toMatchObject({ actor: staff, internal: true, event: 'note', params: { text: 'Ringde centrumchefen, hon skickar avtalen' } });
    expect(renderStatusPage({ application: after })).not.toContain('Ringde centrumchefen');
    expect((await deps.audit.forItem('application', app.id))[0]?.action).toBe('note');
  });
});

describe('certificates', () => {
  it('revoking leaves the register from today, stops reminders, tells the contact and is recorded', async () => {
    // Prepare
    const certificate = exampleCertificate({ certificateId: 'QM-2026-8001', organisationNumber: '803999-0001', validFrom: '2026-01-01', validUntil: '2026-12-31' });
    const app = await storedApplication('certified', { certificateId: certificate.certificateId });
    await deps.certificates.create({ ...certificate, applicationId: app.id });

    // Act
    const outcome = await revokeCertificate(deps, staff, certificate.certificateId, 'Beviljat av misstag');

    // Assess
    expect(outcome).toEqual({ ok: true });
    const ids = async (date: string) => (await deps.certificates.validOn(date)).map((c) => c.certificateId);
    expect(await ids('2026-11-26')).toContain(certificate.certificateId);
    expect(await ids('2026-11-27')).not.toContain(certificate.certificateId);
    const stored = await deps.certificates.get(certificate.certificateId);
    expect(stored).toMatchObject({ revokedAt: '2026-11-27T09:15:00.000Z', revocationReason: 'Beviljat av misstag' });
    const renewals = new RenewalRepository(table.db, table.tableName);
    expect((await renewals.due('2026-12-31')).certificates.map((c) => c.certificateId)).not.toContain(certificate.certificateId);
    expect(await renewals.settle({ certificateId: certificate.certificateId, stage: 'reminder-30', as: 'sending', skip: [], markExpired: false, now: deps.now(), leaseMs: 60_000 })).toBeUndefined();
    expect(deps.mailer.messages.map((m) => m.to)).toEqual([[certificate.contact.email]]);
    expect(deps.mailer.messages[0]?.text).toContain('Beviljat av misstag');
    expect((await deps.audit.forItem('certificate', certificate.certificateId))[0]).toMatchObject({ action: 'revoke', actor: staff, reason: 'Beviljat av misstag' });
    expect(await revokeCertificate(deps, staff, certificate.certificateId, 'igen')).toMatchObject({ ok: false, status: 409 });
  });

  it('corrects the name and town with a reason', async () => {
    const certificate = exampleCertificate({ certificateId: 'QM-2026-8002', organisationNumber: '803999-0002' });
    const app = await storedApplication('certified');
    await deps.certificates.create({ ...certificate, applicationId: app.id });
    expect(await correctCertificate(deps, staff, certificate.certificateId, { organisationName: 'Exempelstad Centrum', town: 'Exempelstad' }, 'Stavfel')).toEqual({ ok: true });
    expect((await deps.certificates.get(certificate.certificateId))?.organisationName).toBe('Exempelstad Centrum');
    expect((await deps.audit.forItem('certificate', certificate.certificateId))[0]).toMatchObject({ action: 'correct', reason: 'Stavfel' });
  });
});

describe('members', () => {
  it('are saved, ended on a date and imported from CSV with a report by line', async () => {
    await saveMember(deps, staff, { organisationNumber: '802999-1000', name: 'Exempelstad City', town: 'Exempelstad', emails: ['info@exempelstad.example'] }, undefined);
    expect(await endMembership(deps, staff, '802999-1000', '2026-12-31', 'Utträde')).toEqual({ ok: true });
    expect((await deps.members.find('802999-1000'))?.membershipEndsOn).toBe('2026-12-31');
    expect(await endMembership(deps, staff, '556677-8899', '2026-12-31', 'x')).toMatchObject({ ok: false, status: 404 });
    const result = await importMembersCsv(deps, staff, 'medlemmar.csv', 'organisationsnummer,name,town,email\n769999-2009,Provby Centrum,Provby,kontakt@provby-centrum.example\n123,Trasig,Ort,inte-en-adress\n');
    expect(result).toMatchObject({ ok: true, report: { imported: 1, invalid: [{ line: 3 }] } });
    expect((await deps.audit.forItem('member', 'register'))[0]?.details).toContain('rad 3');
  });
});

describe('overview and exports', () => {
  it('finds overdue reviews, failures, lapsing certificates and the figures', () => {
    const now = new Date('2026-11-27T09:00:00Z');
    const base = { organisation: { ...exampleFull.organisation, municipality: 'k' }, contact: { ...exampleFull.contact, role: 'r' }, answers: {}, locale: 'sv' as const, updatedAt: '', version: 1, notifications: {} };
    const applications: ApplicationRecord[] = [
      { ...base, id: 'A-1', applicationType: 'full', status: 'in_review', submittedAt: '2026-11-01T08:00:00Z', history: [{ at: '2026-11-02T08:00:00Z', actor: 's', from: 'acknowledged', to: 'in_review' }] },
      { ...base, id: 'A-2', applicationType: 'full', status: 'in_review', submittedAt: '2026-11-25T08:00:00Z', history: [{ at: '2026-11-25T09:00:00Z', actor: 's', from: 'acknowledged', to: 'in_review' }] },
      { ...base, id: 'A-3', applicationType: 'revision', status: 'failed', submittedAt: '2026-10-01T08:00:00Z', history: [] },
      { ...base, id: 'A-4', applicationType: 'full', status: 'certified', submittedAt: '2026-03-01T08:00:00Z', reviewRound: 1, history: [{ at: '2026-03-11T08:00:00Z', actor: 's', from: 'in_review', to: 'certified' }] },
      { ...base, id: 'A-5', applicationType: 'full', status: 'rejected', submittedAt: '2026-04-01T08:00:00Z', reviewRound: 2, history: [{ at: '2026-04-21T08:00:00Z', actor: 's', from: 'in_review', to: 'rejected' }] },
    ];
    const certificates = [
      exampleCertificate({ certificateId: 'QM-1', organisationNumber: '1', validFrom: '2024-01-01', validUntil: '2027-03-01' }),
      exampleCertificate({ certificateId: 'QM-2', organisationNumber: '2', validFrom: '2023-01-01', validUntil: '2026-06-01' }),
      exampleCertificate({ certificateId: 'QM-3', organisationNumber: '3', validFrom: '2023-01-01', validUntil: '2026-06-01' }),
      exampleCertificate({ certificateId: 'QM-4', organisationNumber: '3', validFrom: '2026-06-02', validUntil: '2029-06-01' }),
      exampleCertificate({ certificateId: 'QM-5', organisationNumber: '5', validFrom: '2024-01-01', validUntil: '2027-03-01', revokedAt: '2026-11-01T10:00:00.000Z' }),
    ];
    const o = buildOverview({ applications, certificates, completionDeadlines: new Map(), now, reviewReminderIntervalDays: 7 });
    expect(o.overdueReviews.map((r) => r.id)).toEqual(['A-1']);
    expect(o.failed.map((r) => r.id)).toEqual(['A-3']);
    expect(o.lapsingSoon.map((c) => c.certificateId)).toEqual(['QM-1']);
    expect(o.lapsedWithoutRevision.map((c) => c.certificateId)).toEqual(['QM-2']);
    expect(o.figures.applicationsThisYear).toEqual({ full: 4, revision: 1 });
    expect(o.figures.medianDaysToDecision).toBe(15);
    expect(o.figures.certifiedAtFirstReview).toBe(0.5);
  });

  it('CSV is UTF-8 with a BOM and semicolons; XLSX parses; both hold the data', async () => {
    const certificate = exampleCertificate({ certificateId: 'QM-2026-8003', organisationNumber: '803999-0003', organisationName: 'Örby Stadskärna', town: 'Åsele' });
    await deps.certificates.create(certificate);
    const csv = toCsv(await certificatesTable(deps));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[0]?.[0]).toBe('Certifikat');
    expect(rows.find((r) => r[0] === 'QM-2026-8003')).toEqual(expect.arrayContaining(['Örby Stadskärna', 'Åsele', 'giltigt']));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(await applicationsTable(deps))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Ansökningar')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Ansökan');
    expect(sheet.rowCount).toBeGreaterThan(1);
  });
});
