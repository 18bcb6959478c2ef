import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { certificateFixture } from './certificate-fixtures.js';
import { startTestTable } from './dynalite-table.js';
import { functionEnvironment, getEvent, lambdaContext, type Answer } from '../helpers/http-events.js';

// The register and verification handlers as API Gateway calls them, against a real DynamoDB API.
const table = await startTestTable();
Object.assign(process.env, functionEnvironment(table.tableName, table.endpoint));
const { handler: registerHandler } = await import('../../functions/handlers/public-register.handler.js');
const { handler: verificationHandler } = await import('../../functions/handlers/certificate-verification.handler.js');

const ankeby = certificateFixture(1, '2029-11-25', { town: 'Ankeby', organisationName: 'Ankeby City', validFrom: '2026-11-25' });
const osterby = certificateFixture(2, '2028-01-10', { town: 'Österby', organisationName: 'Österby Handel', validFrom: '2025-01-10' });
const astad = certificateFixture(3, '2030-03-01', { town: 'Åstad', organisationName: 'Åstad Centrum', validFrom: '2027-03-01' });
const ankebyRenewed = certificateFixture(4, '2032-11-26', {
  town: 'Ankeby',
  organisationName: 'Ankeby City',
  organisationNumber: ankeby.organisationNumber,
  validFrom: '2029-11-26',
  renews: ankeby.certificateId,
});
const all = [ankeby, osterby, astad, ankebyRenewed];

const register = async (path: '/register' | '/api/register', query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  (await registerHandler(getEvent(`GET ${path}`, path, { query, headers }), lambdaContext)) as Answer;
const verify = async (certificateId: string, headers: Record<string, string> = {}) =>
  (await verificationHandler(
    getEvent('GET /certificates/{certificateId}', `/certificates/${certificateId}`, { pathParameters: { certificateId }, headers }),
    lambdaContext,
  )) as Answer;
const ids = (answer: Answer) => (JSON.parse(answer.body) as { certificates: { certificateId: string }[] }).certificates.map((c) => c.certificateId);

beforeAll(async () => {
  const certificates = new CertificateRepository(table.db, table.tableName, [180, 90, 30]);
  for (const certificate of all) await certificates.create(certificate);
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await table.stop();
});

describe('GET /api/register', () => {
  it('lists the certificates valid on the date, sorted by town, with public fields only', async () => {
    // Act
    const answer = await register('/api/register', { date: '2027-06-01' });

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('application/json');
    expect(JSON.parse(answer.body)).toEqual({
      date: '2027-06-01',
      certificates: [ankeby, astad, osterby].map((c) => ({
        certificateId: c.certificateId,
        organisationName: c.organisationName,
        organisationNumber: c.organisationNumber,
        town: c.town,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
      })),
    });
    expect(answer.body).not.toContain('Kim Exempelsson');
    expect(answer.body).not.toContain('@');
  });

  it('includes a certificate on its validUntil day and drops it the day after', async () => {
    // Act
    const lastDay = await register('/api/register', { date: '2028-01-10' });
    const dayAfter = await register('/api/register', { date: '2028-01-11' });

    // Assess
    expect(ids(lastDay)).toContain(osterby.certificateId);
    expect(ids(dayAfter)).not.toContain(osterby.certificateId);
  });

  it('shows the renewed certificate, not the old one, from the day after the old one ends: no gap', async () => {
    // Act
    const oldLastDay = await register('/api/register', { date: '2029-11-25' });
    const newFirstDay = await register('/api/register', { date: '2029-11-26' });

    // Assess
    expect(ids(oldLastDay)).toEqual([ankeby.certificateId, astad.certificateId]);
    expect(ids(newFirstDay)).toEqual([ankebyRenewed.certificateId, astad.certificateId]);
  });

  it('answers for today in Sweden when no date is given', async () => {
    // Prepare: 23:30 UTC on 28 February is already 1 March in Stockholm.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-02-28T23:30:00Z'));

    // Act
    const answer = await register('/api/register');

    // Assess
    expect(JSON.parse(answer.body).date).toBe('2027-03-01');
    expect(ids(answer)).toEqual([ankeby.certificateId, astad.certificateId, osterby.certificateId]);
  });

  it('answers 400 with a problem for a date that does not exist', async () => {
    // Act
    const answer = await register('/api/register', { date: '2027-02-30' });

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, title: 'Ogiltigt datum' });
  });
});

describe('GET /register', () => {
  it('answers in Swedish HTML: the Årets Stadskärna rule, a date picker and the table by town', async () => {
    // Act
    const answer = await register('/register', { date: '2027-06-01' }, { accept: 'text/html' });

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.body).toContain('<html lang="sv">');
    expect(answer.body).toContain('Årets Stadskärna');
    expect(answer.body).toContain('<form method="get"');
    expect(answer.body).toContain('type="date"');
    expect(answer.body).toContain('giltig till 25 november 2029');
    const order = ['Ankeby', 'Åstad', 'Österby'].map((town) => answer.body.indexOf(`<th scope="row">${town}</th>`));
    expect(order.every((position, i) => position > 0 && (i === 0 || position > order[i - 1]!))).toBe(true);
    expect(answer.body).not.toContain('Kim Exempelsson');
  });

  it('answers a bad date with a Swedish page (400) that marks the date field', async () => {
    // Act
    const answer = await register('/register', { date: '25/11/2029' }, { accept: 'text/html' });

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.body).toContain('Ange ett giltigt datum');
    expect(answer.body).toContain('aria-invalid="true"');
  });
});

describe('GET /certificates/{certificateId}', () => {
  it('verifies a valid certificate in HTML by default, with its dates', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-06-01T10:00:00Z'));

    // Act
    const answer = await verify(ankeby.certificateId);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.body).toContain('<strong>Giltig</strong>');
    expect(answer.body).toContain('25 november 2029');
    expect(answer.body).not.toContain(ankeby.contact.email);
    expect(answer.body).not.toContain(ankeby.contact.name);
  });

  it('answers JSON for Accept: application/json: valid, expired or not yet valid', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2028-06-01T10:00:00Z'));
    const json = { accept: 'application/json' };

    // Act
    const valid = await verify(ankeby.certificateId, json);
    const expired = await verify(osterby.certificateId, json);
    const notYet = await verify(ankebyRenewed.certificateId, json);

    // Assess
    expect(valid.headers['content-type']).toContain('application/json');
    expect(JSON.parse(valid.body)).toEqual({
      certificateId: ankeby.certificateId,
      status: 'valid',
      checkedOn: '2028-06-01',
      organisationName: 'Ankeby City',
      organisationNumber: ankeby.organisationNumber,
      town: 'Ankeby',
      municipality: ankeby.municipality,
      validFrom: '2026-11-25',
      validUntil: '2029-11-25',
    });
    expect(JSON.parse(expired.body)).toMatchObject({ status: 'expired', validUntil: '2028-01-10' });
    expect(JSON.parse(notYet.body)).toMatchObject({ status: 'not_yet_valid', validFrom: '2029-11-26' });
  });

  it('answers 404 for an unknown or malformed number, as a page or a problem', async () => {
    // Act
    const unknownPage = await verify('QM-2026-9999');
    const unknownJson = await verify('QM-2026-9999', { accept: 'application/json' });
    const malformed = await verify('<script>');

    // Assess
    expect(unknownPage.statusCode).toBe(404);
    expect(unknownPage.body).toContain('Kvalitetsmärkningen finns inte');
    expect(unknownJson.statusCode).toBe(404);
    expect(unknownJson.headers['content-type']).toContain('application/problem+json');
    expect(malformed.statusCode).toBe(404);
    expect(malformed.body).not.toContain('<script>');
  });
});
