import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { certificateStatus } from '../../functions/domain/certificate.js';
import { renderBadgeSvg, renderUnknownBadgeSvg } from '../../functions/templates/certificate-badge.template.js';
import { registerEntries } from '../../functions/templates/public-register.template.js';
import { renderRegisterCsv } from '../../functions/templates/register-csv.js';
import { certificatePdf } from '../../functions/use-cases/certificate-documents.use-case.js';
import { decodeQr, havePoppler, pdfText, renderFirstPage } from '../helpers/pdf-tools.js';
import { exampleCertificate, organisationNumber } from '../renewals/certificate-fixtures.js';
import type { Locale } from '../../functions/domain/locale.js';

const base = 'https://qm.example';
const swedish = exampleCertificate({
  certificateId: 'QM-2026-0042',
  organisationName: 'Företagarna i Åre–Östersund Citysamverkan',
  town: 'Örnsköldsvik',
  municipality: 'Örnsköldsviks kommun',
});
const revoked = exampleCertificate({ revokedAt: '2027-03-01T09:00:00.000Z', revocationReason: 'Samverkansavtalet har sagts upp.' });
const superseded = exampleCertificate({ validUntil: '2027-05-31', supersededBy: 'QM-2027-0007' });

describe('certificate status', () => {
  it('is not yet valid, valid, then expired over its dates', () => {
    // Act / Assess
    expect(certificateStatus(swedish, '2026-11-24')).toBe('not_yet_valid');
    expect(certificateStatus(swedish, '2026-11-25')).toBe('valid');
    expect(certificateStatus(swedish, '2029-11-25')).toBe('valid');
    expect(certificateStatus(swedish, '2029-11-26')).toBe('expired');
  });

  it('is revoked from the day of revocation (Swedish time), even within its dates', () => {
    // Act / Assess
    expect(certificateStatus(revoked, '2027-02-28')).toBe('valid');
    expect(certificateStatus(revoked, '2027-03-01')).toBe('revoked');
    expect(certificateStatus(revoked, '2030-01-01')).toBe('revoked');
    expect(certificateStatus(exampleCertificate({ revokedAt: '2027-02-28T23:30:00.000Z' }), '2027-03-01')).toBe('revoked');
  });

  it('stays valid up to its shortened end when superseded, then says superseded rather than expired', () => {
    // Act / Assess
    expect(certificateStatus(superseded, '2027-05-31')).toBe('valid');
    expect(certificateStatus(superseded, '2027-06-01')).toBe('superseded');
  });
});

describe('certificate PDF', () => {
  it('is one A4 page whose text extracts with the number, the name with åäö, the town, the dates and the programme', async () => {
    // Act
    const bytes = await certificatePdf(swedish, '2027-01-15', base);
    const { text, pages, size } = await pdfText(bytes);

    // Assess
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pages).toBe(1);
    expect(size.map(Math.round)).toEqual([595, 842]);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('QM-2026-0042');
    expect(flat).toContain('Företagarna i Åre–Östersund Citysamverkan');
    expect(flat).toContain('i Örnsköldsvik');
    expect(flat).toContain('Giltigt från 25 november 2026 till och med 25 november 2029');
    expect(flat).toContain('Kvalitetsmärkning (QM) för stadskärnor');
    expect(flat).toContain('Svenska Stadskärnor intygar att');
    expect(flat).not.toMatch(/ÅTERKALLAT|UTGÅNGET|ERSATT/);
  });

  it('lists the confirming partners where they are recorded', async () => {
    // Prepare: a certificate as certifying records it
    const withPartners = exampleCertificate({
      partners: [
        { role: 'municipality', organisation: 'Örnsköldsviks kommun' },
        { role: 'property_owners', organisation: 'Fastighetsägarna Örnsköldsvik' },
      ],
    });
    // Act
    const { text } = await pdfText(await certificatePdf(withPartners, '2027-01-15', base));
    const without = await pdfText(await certificatePdf(swedish, '2027-01-15', base));

    // Assess
    expect(text.replace(/\s+/g, ' ')).toContain('Kommunen (Örnsköldsviks kommun), Fastighetsägarna Örnsköldsvik');
    expect(without.text).not.toContain('Samverkanspartner');
  });

  it('is byte-for-byte the same for the same state, and differs when the status changes', async () => {
    // Act
    const first = await certificatePdf(swedish, '2027-01-15', base);
    const again = await certificatePdf(swedish, '2028-06-30', base);
    const expired = await certificatePdf(swedish, '2029-11-26', base);

    // Assess
    expect(Buffer.compare(Buffer.from(first), Buffer.from(again))).toBe(0);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(expired))).not.toBe(0);
    const raw = Buffer.from(first).toString('latin1');
    expect(raw).toContain('/CreationDate (D:20261125100000Z)');
    expect(raw).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
  });

  it.each([
    ['revoked', revoked, '2027-06-01', 'ÅTERKALLAT', 'Certifikatet är återkallat sedan 1 mars 2027 och gäller inte.'],
    ['superseded', superseded, '2027-06-01', 'ERSATT', 'Certifikatet är ersatt av QM-2027-0007 och gäller inte längre.'],
    ['expired', swedish, '2029-11-26', 'UTGÅNGET', 'Certifikatet gällde till och med 25 november 2029 och har gått ut.'],
  ] as const)('stays available when %s and says so across the page', async (_status, certificate, date, mark, sentence) => {
    // Act
    const { text } = await pdfText(await certificatePdf(certificate, date, base));

    // Assess
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(mark);
    expect(flat).toContain(sentence);
    expect(flat).toContain(certificate.certificateId);
  });

  it.skipIf(!havePoppler)('carries a QR code that decodes to the public verification URL (rendered with poppler, read with jsQR)', async () => {
    // Prepare
    const bytes = await certificatePdf(swedish, '2027-01-15', base);

    // Act: the PNG stays in test-results/ to be looked at.
    const png = await renderFirstPage(bytes, 'certificate-QM-2026-0042');
    await renderFirstPage(await certificatePdf(revoked, '2027-06-01', base), 'certificate-revoked');

    // Assess
    expect(png.width).toBeGreaterThan(1200);
    expect(decodeQr(png)).toBe('https://qm.example/certificates/QM-2026-0042');
  });
});

describe('badge', () => {
  const states = {
    valid: [swedish, '2027-01-15'],
    not_yet_valid: [swedish, '2026-11-01'],
    expired: [swedish, '2029-11-26'],
    superseded: [superseded, '2027-06-01'],
    revoked: [revoked, '2027-06-01'],
  } as const;
  const badge = (state: keyof typeof states, locale: Locale = 'sv') => {
    const [certificate, date] = states[state];
    return renderBadgeSvg({ ...certificate, status: certificateStatus(certificate, date) }, locale);
  };

  it('is an accessible SVG in every state: role="img", a <title> and a <desc>', () => {
    for (const state of Object.keys(states) as (keyof typeof states)[]) {
      // Act
      const svg = badge(state);

      // Assess
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img" aria-labelledby="qm-badge-title qm-badge-desc"/);
      expect(svg).toMatch(/<title id="qm-badge-title">[^<]+<\/title>/);
      expect(svg).toMatch(/<desc id="qm-badge-desc">[^<]+<\/desc>/);
    }
  });

  it('claims the mark with the valid-through date only while valid', () => {
    // Act
    const svg = badge('valid');

    // Assess
    expect(svg).toContain('>Kvalitetsmärkt stadskärna – QM</text>');
    expect(svg).toContain('>Giltigt till och med 25 november 2029</text>');
    expect(svg).toContain('<title id="qm-badge-title">Kvalitetsmärkning (QM) QM-2026-0042, Företagarna i Åre–Östersund Citysamverkan i Örnsköldsvik: Giltigt till och med 25 november 2029</title>');
  });

  it('says "Ej giltig" or "Återkallat" instead when the certificate does not count', () => {
    // Act
    const [notYet, expired, replaced, withdrawn] = (['not_yet_valid', 'expired', 'superseded', 'revoked'] as const).map((s) => badge(s));

    // Assess
    for (const svg of [notYet, expired, replaced, withdrawn]) {
      expect(svg).not.toContain('Kvalitetsmärkt stadskärna');
      expect(svg).not.toContain('Giltigt till och med');
    }
    expect(notYet).toContain('>Ej giltig</text>');
    expect(notYet).toContain('>Gäller från 25 november 2026</text>');
    expect(expired).toContain('>Ej giltig</text>');
    expect(replaced).toContain('>Ej giltig</text>');
    expect(withdrawn).toContain('>Återkallat</text>');
  });

  it('speaks English for the English locale', () => {
    // Act / Assess
    expect(badge('valid', 'en')).toContain('>Quality-marked town centre – QM</text>');
    expect(badge('valid', 'en')).toContain('>Valid through 25 November 2029</text>');
    expect(badge('revoked', 'en')).toContain('>Revoked</text>');
    expect(badge('expired', 'en')).toContain('>Not valid</text>');
  });

  it('escapes what it shows, and claims nothing for an unknown number', () => {
    // Act
    const hostile = renderBadgeSvg({ ...exampleCertificate({ organisationName: '<script>alert(1)</script>' }), status: 'valid' }, 'sv');
    const unknown = renderUnknownBadgeSvg('sv');

    // Assess
    expect(hostile).not.toContain('<script>');
    expect(unknown).toContain('Okänt certifikat');
    expect(unknown).not.toContain('Kvalitetsmärkt stadskärna');
  });
});

describe('register CSV', () => {
  it('is UTF-8 with a BOM and ; separators, and parses with a CSV library keeping åäö and quoting', () => {
    // Prepare
    const entries = registerEntries(
      [
        exampleCertificate({ certificateId: 'QM-2026-0002', town: 'Åre', organisationName: 'Åre Centrum; "Handel" och fastigheter', organisationNumber: organisationNumber(2) }),
        exampleCertificate({ certificateId: 'QM-2026-0003', town: 'Örebro', organisationName: 'Örebro City', organisationNumber: organisationNumber(3) }),
        revoked,
      ],
      '2027-06-01',
    );

    // Act
    const csv = renderRegisterCsv(entries);
    const records = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];

    // Assess
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.split('\r\n')[0]).toBe('\ufeffcertificateId;organisationName;organisationNumber;town;validFrom;validUntil');
    expect(records).toEqual([
      { certificateId: 'QM-2026-0002', organisationName: 'Åre Centrum; "Handel" och fastigheter', organisationNumber: organisationNumber(2), town: 'Åre', validFrom: '2026-11-25', validUntil: '2029-11-25' },
      { certificateId: 'QM-2026-0003', organisationName: 'Örebro City', organisationNumber: organisationNumber(3), town: 'Örebro', validFrom: '2026-11-25', validUntil: '2029-11-25' },
    ]);
  });
});

describe('text wrapping in PDFs', () => {
  it('splits a word longer than a line into pieces that each fit, losing nothing (a pasted 4 000-character word)', async () => {
    // Prepare
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const { wrapText } = await import('../../functions/documents/pdf-document.js');
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const word = 'abcdefghij'.repeat(400);

    // Act
    const lines = wrapText(`Fore ${word} efter`, font, 10, 200);

    // Assess
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((line) => font.widthOfTextAtSize(line, 10) <= 200)).toBe(true);
    // "Fore" on its own line, the word in pieces, the last piece followed by " efter".
    expect(lines.join('')).toBe(`Fore${word} efter`);
  });
});
