import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApplicationRepository } from '../../functions/adapters/application.repository.js';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { MemberRepository } from '../../functions/adapters/member.repository.js';
import { RenewalRepository } from '../../functions/adapters/renewal.repository.js';
import { applicationToFormValues } from '../../functions/domain/application-form.js';
import type { ApplicationRecord } from '../../functions/domain/application-record.js';
import type { ApplicationSubmission } from '../../functions/domain/application.schema.js';
import { validityFor, type Certificate } from '../../functions/domain/certificate.js';
import { newSecretToken } from '../../functions/domain/secret-token.js';
import { problemTypes } from '../../functions/http/http-problem.js';
import { runRenewalSweep } from '../../functions/use-cases/renewal-sweep.use-case.js';
import { RecordingMailer, startTestTable } from './dynalite-table.js';
import { functionEnvironment, getEvent, lambdaContext, type Answer } from '../helpers/http-events.js';

// The reminder's private link → the prefilled revision form → POST /applications, against dynalite.
const table = await startTestTable();
Object.assign(process.env, functionEnvironment(table.tableName, table.endpoint));
const { handler: applyForm } = await import('../../functions/handlers/apply-form.handler.js');
const { handler: submitHandler } = await import('../../functions/handlers/submit-application.handler.js');

const full = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as ApplicationSubmission;
const revision = JSON.parse(readFileSync('examples/application-revision.json', 'utf8')) as ApplicationSubmission;
const sfn = mockClient(SFNClient);

const applications = new ApplicationRepository(table.db, table.tableName);
const certificates = new CertificateRepository(table.db, table.tableName, [180, 90, 30]);
const renewals = new RenewalRepository(table.db, table.tableName);

const approved: ApplicationRecord = {
  id: 'A-20261125-7KQ3ZP',
  applicationType: 'full',
  status: 'certified',
  organisation: full.organisation,
  contact: full.contact,
  answers: full.answers,
  locale: 'sv',
  submittedAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  version: 4,
  history: [],
  notifications: {},
};
const certificate: Certificate = {
  certificateId: 'QM-2026-0001',
  applicationId: approved.id,
  organisationNumber: full.organisation.organisationNumber,
  organisationName: full.organisation.name,
  town: full.organisation.town,
  municipality: full.organisation.municipality,
  ...validityFor('2026-11-25'),
  issuedAt: '2026-11-25T10:00:00.000Z',
  decidedBy: 'granskare@stadskarnor.example',
  contact: { name: full.contact.name, email: full.contact.email },
};
let reminderLink = '';

const at = (instant: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
};
const openForm = async (query: Record<string, string>) =>
  (await applyForm(getEvent('GET /apply', '/apply', { query, headers: { accept: 'text/html' } }), lambdaContext)) as Answer;
const post = async (body: string, headers: Record<string, string>) =>
  (await submitHandler(
    { ...getEvent('GET /apply', '/applications', { headers }), routeKey: 'POST /applications', body, requestContext: { http: { method: 'POST', path: '/applications' } } } as never,
    lambdaContext,
  )) as Answer;
const postJson = (submission: ApplicationSubmission) => post(JSON.stringify(submission), { 'content-type': 'application/json' });
/** The value of a form field as a browser reads it (the escaper also encodes "/" and "="). */
const fieldValue = (page: string, name: string) => {
  const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page) ?? new RegExp(`name="${name}"[^>]*>([^<]*)</textarea>`).exec(page);
  return match?.[1]?.replace(/&#x2F;/g, '/').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
};

beforeAll(async () => {
  await new MemberRepository(table.db, table.tableName).upsertMany(
    [
      { organisationNumber: '802999-1000', name: 'Exempelstad City', town: 'Exempelstad', emails: ['info@exempelstad.example', 'kim.exempelsson@exempelstad.example'] },
      { organisationNumber: '769999-2009', name: 'Provby Centrumförening', town: 'Provby', emails: ['kontakt@provby-centrum.example'] },
    ],
    new Date(),
  );
  await applications.create(approved);
  await certificates.create(certificate);
  // The 90-day reminder, as the daily sweep sends it.
  const mailer = new RecordingMailer();
  const deps = { renewals, certificates, mailer, publicBaseUrl: 'https://qm.example', reminderDays: [180, 90, 30], revisionGraceMonths: 12, now: () => new Date('2029-08-27T05:00:00Z') };
  await runRenewalSweep(deps, { today: '2029-08-27' });
  reminderLink = /https:\/\/qm\.example(\/apply\?type=revision&token=[A-Za-z0-9_-]{43})/.exec(mailer.messages[0]?.text ?? '')?.[1] ?? '';
});

beforeEach(async () => {
  sfn.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec' });
  // Each test starts with no application open for the organisation (one at a time is the rule).
  await table.db.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: `ORG#${full.organisation.organisationNumber}`, sk: 'OPEN' } }));
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await table.stop();
});

describe('GET /apply?type=revision&token=… (the reminder’s private link)', () => {
  it('opens the revision form prefilled from the last approved application', async () => {
    // Prepare
    at('2029-08-28T08:00:00Z');
    const token = new URL(`https://qm.example${reminderLink}`).searchParams.get('token')!;

    // Act
    const answer = await openForm({ type: 'revision', token });

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const page = answer.body;
    expect(page).toContain('Revidering av kvalitetsmärkning (QM)');
    expect(page).toContain('QM-2026-0001');
    expect(page).toContain('giltig till och med 25 november 2029');
    expect(fieldValue(page, 'type')).toBe('revision');
    expect(fieldValue(page, 'organisation.organisationNumber')).toBe('802999-1000');
    expect(fieldValue(page, 'organisation.name')).toBe('Exempelstad City');
    expect(fieldValue(page, 'contact.email')).toBe(full.contact.email);
    expect(fieldValue(page, 'answers.boardComposition')).toBe(String(full.answers.boardComposition));
    expect(fieldValue(page, 'answers.actionPlanUrl')).toBe(String(full.answers.actionPlanUrl));
    // What changed is for the applicant to write.
    expect(fieldValue(page, 'answers.changesSinceLastCertificate')).toBe('');
  });

  it('answers 404 for an unknown or malformed token, and 410 once the revision window has closed', async () => {
    // Prepare
    const token = new URL(`https://qm.example${reminderLink}`).searchParams.get('token')!;

    // Act
    const unknown = await openForm({ type: 'revision', token: newSecretToken() });
    const malformed = await openForm({ type: 'revision', token: 'nope' });
    at('2030-11-26T08:00:00Z');
    const expired = await openForm({ type: 'revision', token });

    // Assess
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Länken fungerar inte');
    expect(malformed.statusCode).toBe(404);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('Länken har gått ut');
    expect(expired.body).toContain('fullständig QM-ansökan');
  });
});

describe('POST /applications with type "revision"', () => {
  it('accepts a revision while the certificate is valid and records the certificate it renews', async () => {
    // Prepare
    at('2029-09-01T08:00:00Z');

    // Act
    const answer = await postJson(revision);

    // Assess
    expect(answer.statusCode).toBe(201);
    const stored = await applications.get(JSON.parse(answer.body).id);
    expect(stored).toMatchObject({ applicationType: 'revision', previousCertificateId: 'QM-2026-0001' });
  });

  it('accepts a revision in the grace months after the certificate lapsed', async () => {
    // Prepare
    at('2030-11-25T08:00:00Z');

    // Act
    const answer = await postJson(revision);

    // Assess
    expect(answer.statusCode).toBe(201);
  });

  it('refuses a revision after the window, pointing to the full application, and starts nothing', async () => {
    // Prepare
    at('2030-11-26T08:00:00Z');

    // Act
    const answer = await postJson(revision);

    // Assess
    expect(answer.statusCode).toBe(403);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    const problem = JSON.parse(answer.body);
    expect(problem.type).toBe(`${process.env.PUBLIC_BASE_URL}/problems/${problemTypes.revisionNotOpen}`);
    expect(problem.detail).toContain('fullständig QM-ansökan');
    expect(problem.detail).toContain('/apply');
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('refuses a revision from a member that never held a certificate; the form gets a Swedish page linking to /apply', async () => {
    // Prepare
    at('2029-09-01T08:00:00Z');
    const other = { ...revision, organisation: { ...revision.organisation, organisationNumber: '769999-2009', name: 'Provby Centrumförening', town: 'Provby' } };
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(applicationToFormValues({ ...other, locale: 'sv' } as never))) {
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    }

    // Act
    const json = await postJson(other);
    const page = await post(form.toString(), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });

    // Assess
    expect(json.statusCode).toBe(403);
    expect(JSON.parse(json.body).detail).toContain('ingen kvalitetsmärkning att revidera');
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Revidering är inte möjlig');
    expect(page.body.replace(/&#x2F;/g, '/')).toContain('href="/apply"');
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
