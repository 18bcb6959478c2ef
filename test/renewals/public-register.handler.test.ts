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
const { handler: badgeHandler } = await import('../../functions/handlers/certificate-badge.handler.js');

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
const revoked = certificateFixture(5, '2029-08-01', {
  town: 'Återby',
  organisationName: 'Återby Stadskärna',
  validFrom: '2026-08-01',
  revokedAt: '2027-02-01T08:00:00.000Z',
  revocationReason: 'Samverkansavtalet med fastighetsägarna har upphört.',
});
const all = [ankeby, osterby, astad, ankebyRenewed, revoked];

const register = async (path: '/register' | '/api/register' | '/register.csv', query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  (await registerHandler(getEvent(`GET ${path}`, path, { query, headers }), lambdaContext)) as Answer;
const verify = async (certificateId: string, headers: Record<string, string> = {}) =>
  (await verificationHandler(
    getEvent('GET /certificates/{certificateId}', `/certificates/${certificateId}`, { pathParameters: { certificateId }, headers }),
    lambdaContext,
  )) as Answer;
const document = async (segment: string, headers: Record<string, string> = {}) =>
  (await verificationHandler(
    getEvent('GET /certificates/{certificateId}', `/certificates/${segment}`, { pathParameters: { certificateId: segment }, headers }),
    lambdaContext,
  )) as Answer & { isBase64Encoded?: boolean };
const badge = async (certificateId: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  (await badgeHandler(
    getEvent('GET /certificates/{certificateId}/badge.svg', `/certificates/${certificateId}/badge.svg`, { pathParameters: { certificateId }, query, headers }),
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
        // Certificates issued before partners confirmed have none to show.
        partners: [],
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
    expect(answer.body).toContain('giltigt till och med 25 november 2029');
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
      partners: [],
    });
    expect(JSON.parse(expired.body)).toMatchObject({ status: 'expired', validUntil: '2028-01-10' });
    expect(JSON.parse(notYet.body)).toMatchObject({ status: 'not_yet_valid', validFrom: '2029-11-26' });
  });

  it('answers 404 for an unknown or malformed number, as a page or a problem', async () => {
    // Act
    const unknownPage = await verify('QM-2026-9999');
    const unknownJson = await verify('QM-2026-9999', { accept: 'application/json' });
    const malformed = await verify('<script>');
    const withLineBreak = await verify('\u0000\n\u0000.pdf');

    // Assess
    expect(withLineBreak.statusCode).toBe(404);
    expect(unknownPage.statusCode).toBe(404);
    expect(unknownPage.body).toContain('Kvalitetsmärkningen finns inte');
    expect(unknownJson.statusCode).toBe(404);
    expect(unknownJson.headers['content-type']).toContain('application/problem+json');
    expect(malformed.statusCode).toBe(404);
    expect(malformed.body).not.toContain('<script>');
  });
});

describe('GET /api/register and /register.csv: ETag and Cache-Control', () => {
  it('carries an ETag and Cache-Control, answers 304 to the same ETag, and leaves revoked certificates out', async () => {
    // Act
    const json = await register('/api/register', { date: '2027-06-01' });
    const csv = await register('/register.csv', { date: '2027-06-01' });
    const jsonAgain = await register('/api/register', { date: '2027-06-01' }, { 'if-none-match': json.headers.etag! });
    const csvAgain = await register('/register.csv', { date: '2027-06-01' }, { 'if-none-match': csv.headers.etag! });
    const otherDate = await register('/register.csv', { date: '2029-11-26' }, { 'if-none-match': csv.headers.etag! });

    // Assess
    for (const answer of [json, csv]) {
      expect(answer.statusCode).toBe(200);
      expect(answer.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(answer.headers['cache-control']).toBe('public, max-age=300');
    }
    expect(json.headers.etag).not.toBe(csv.headers.etag);
    expect(csv.headers['content-type']).toContain('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="qm-registret-2027-06-01.csv"');
    expect(csv.body.startsWith('\ufeffcertificateId;organisationName;')).toBe(true);
    expect(csv.body).toContain('Österby Handel');
    expect(csv.body).not.toContain('Återby');
    expect(ids(json)).not.toContain(revoked.certificateId);
    expect(jsonAgain).toMatchObject({ statusCode: 304, body: '' });
    expect(jsonAgain.headers.etag).toBe(json.headers.etag);
    expect(csvAgain.statusCode).toBe(304);
    expect(csvAgain.headers['content-type']).toBeUndefined();
    expect(otherDate.statusCode).toBe(200);
  });

  it('answers a bad date for the CSV with a Swedish problem (400)', async () => {
    // Act
    const answer = await register('/register.csv', { date: 'i morgon' });

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ title: 'Ogiltigt datum' });
  });

  it('links the CSV from the HTML register', async () => {
    // Act
    const page = await register('/register', { date: '2027-06-01' });

    // Assess
    expect(page.body).toContain('<a href="/register.csv?date=2027-06-01" download>');
  });
});

describe('GET /certificates/{id}.json, .pdf and /badge.svg', () => {
  it('gives exactly the register fields and the status as JSON, and 404 for an unknown number', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-06-01T10:00:00Z'));

    // Act
    const valid = await document(`${ankeby.certificateId}.json`);
    const withdrawn = await document(`${revoked.certificateId.toLowerCase()}.json`);
    const unknown = await document('QM-2026-9999.json');

    // Assess
    expect(valid.statusCode).toBe(200);
    expect(valid.headers['content-type']).toContain('application/json');
    expect(valid.headers.etag).toBeDefined();
    expect(JSON.parse(valid.body)).toEqual({
      certificateId: ankeby.certificateId,
      organisationName: 'Ankeby City',
      organisationNumber: ankeby.organisationNumber,
      town: 'Ankeby',
      validFrom: '2026-11-25',
      validUntil: '2029-11-25',
      status: 'valid',
    });
    expect(JSON.parse(withdrawn.body)).toMatchObject({ certificateId: revoked.certificateId, status: 'revoked' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the PDF as a binary body with an ETag that answers 304, and 404 for an unknown number', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-06-01T10:00:00Z'));

    // Act
    const pdf = await document(`${ankeby.certificateId}.pdf`);
    const again = await document(`${ankeby.certificateId}.pdf`, { 'if-none-match': pdf.headers.etag! });
    const unknown = await document('QM-2026-9999.pdf');

    // Assess
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('public, max-age=3600');
    expect(pdf.isBase64Encoded).toBe(true);
    expect(Buffer.from(pdf.body, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(again).toMatchObject({ statusCode: 304, body: '' });
    expect(unknown.statusCode).toBe(404);
  });

  it('shows the revocation on the verification page, with the reason', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-06-01T10:00:00Z'));

    // Act
    const page = await verify(revoked.certificateId);

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<p class="verdict-label"><strong>Återkallad</strong></p>');
    expect(page.body).toContain('Samverkansavtalet med fastighetsägarna har upphört.');
  });

  it('serves the badge as a cacheable SVG that follows the status, in Swedish or English', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-06-01T10:00:00Z'));

    // Act
    const valid = await badge(ankeby.certificateId);
    const english = await badge(ankeby.certificateId, { lang: 'en' });
    const beforeLapse = await badge(osterby.certificateId);
    vi.setSystemTime(new Date('2028-06-01T10:00:00Z'));
    const afterLapse = await badge(osterby.certificateId);
    const withdrawn = await badge(revoked.certificateId);
    const revalidated = await badge(ankeby.certificateId, {}, { 'if-none-match': valid.headers.etag! });
    const unknown = await badge('QM-2026-9999');

    // Assess
    expect(valid.statusCode).toBe(200);
    expect(valid.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(valid.headers['cache-control']).toBe('public, max-age=3600');
    expect(valid.headers.etag).toBeDefined();
    expect(valid.body).toContain('Kvalitetsmärkt stadskärna – QM');
    expect(english.body).toContain('Quality-marked town centre – QM');
    expect(beforeLapse.body).toContain('Kvalitetsmärkt stadskärna – QM');
    expect(afterLapse.body).toContain('>Ej giltig<');
    expect(withdrawn.body).toContain('>Återkallat<');
    expect(revalidated.statusCode).toBe(304);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Okänt certifikat');
  });
});
