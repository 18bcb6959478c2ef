import { describe, expect, it } from 'vitest';
import {
  certificateVerification,
  renderCertificateNotFound,
  renderCertificateVerification,
} from '../../functions/templates/certificate-verification.template.js';
import { registerEntries, renderRegisterDateError, renderRegisterPage } from '../../functions/templates/public-register.template.js';
import { lapseNoticeEmail, renewalReminderEmail } from '../../functions/templates/renewal-reminder.template.js';
import { renderRevisionNotOpen, revisionIntro } from '../../functions/templates/revision-form.template.js';
import { exampleCertificate } from '../renewals/certificate-fixtures.js';

const hostile = '<script>alert("x")</script>';

/** The escaper also encodes "/" and "="; links are compared as a browser reads them. */
const entities: Record<string, string> = { '&amp;': '&', '&#x2F;': '/', '&#x3D;': '=', '&quot;': '"', '&#39;': "'" };
const decoded = (markup: string) => markup.replace(/&(amp|#x2F|#x3D|quot|#39);/g, (e) => entities[e] ?? e);

describe('renewal emails', () => {
  it('reminds in Swedish with the date written out and the private revision link', () => {
    // Act
    const mail = renewalReminderEmail(exampleCertificate(), { daysLeft: 90, revisionUrl: 'https://qm.example/apply?type=revision&token=abc', windowEnd: '2030-11-25' });

    // Assess
    expect(mail.to).toEqual(['kim@exempelstad.example']);
    expect(mail.subject).toBe('Påminnelse om revidering: Exempelstad Citys kvalitetsmärkning är giltig till och med 25 november 2029');
    expect(mail.text).toContain('Exempelstad Citys certifikat för kvalitetsmärkning (QM), QM-2026-0001, är giltigt till och med 25 november 2029. Det är 90 dagar kvar.');
    expect(mail.text).toContain('https://qm.example/apply?type=revision&token=abc');
    expect(decoded(mail.html)).toContain('href="https://qm.example/apply?type=revision&token=abc"');
    expect(mail.text).toContain('25 november 2030');
  });

  it('escapes names in the HTML part', () => {
    // Act
    const mail = renewalReminderEmail(exampleCertificate({ organisationName: hostile, contact: { name: hostile, email: 'kim@exempelstad.example' } }), {
      daysLeft: 30,
      revisionUrl: 'https://qm.example/apply',
      windowEnd: '2030-11-25',
    });
    const lapse = lapseNoticeEmail(exampleCertificate({ organisationName: hostile }), { windowEnd: '2030-11-25', fullApplicationUrl: 'https://qm.example/apply' });

    // Assess
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(lapse.html).not.toContain('<script>');
  });

  it('says the certificate has expired, with the revision link while the grace period is open and the full application', () => {
    // Act
    const withRevision = lapseNoticeEmail(exampleCertificate(), {
      revisionUrl: 'https://qm.example/apply?type=revision&token=abc',
      windowEnd: '2030-11-25',
      fullApplicationUrl: 'https://qm.example/apply',
    });
    const without = lapseNoticeEmail(exampleCertificate(), { windowEnd: '2029-11-25', fullApplicationUrl: 'https://qm.example/apply' });

    // Assess
    expect(withRevision.subject).toContain('Er kvalitetsmärkning har gått ut');
    expect(withRevision.text).toContain('gällde till och med 25 november 2029');
    expect(withRevision.text).toContain('till och med 25 november 2030');
    expect(withRevision.text).toContain('type=revision&token=abc');
    expect(withRevision.text).toContain('fullständig QM-ansökan: https://qm.example/apply');
    expect(without.text).not.toContain('type=revision');
    expect(decoded(without.html)).toContain('href="https://qm.example/apply"');
  });
});

describe('public register page', () => {
  it('sorts by town in Swedish order and writes "giltigt till och med" in Swedish', () => {
    // Prepare
    const entries = registerEntries([
      exampleCertificate({ certificateId: 'QM-2026-0003', town: 'Örby', organisationName: 'Örby Centrum', organisationNumber: '802479-4441' }),
      exampleCertificate({ certificateId: 'QM-2026-0002', town: 'Åstad', organisationName: 'Åstad Handel', organisationNumber: '802479-5851' }),
      exampleCertificate({ certificateId: 'QM-2026-0001', town: 'Ankeby', organisationName: 'Ankeby City', organisationNumber: '769999-2009' }),
    ], '2027-01-15');

    // Act
    const page = renderRegisterPage({ date: '2027-01-15', today: '2027-01-15', entries });

    // Assess
    expect(entries.map((e) => e.town)).toEqual(['Ankeby', 'Åstad', 'Örby']);
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('Årets Stadskärna');
    expect(page).toContain('giltigt till och med 25 november 2029');
    expect(page).toContain('i dag, 15 januari 2027');
    expect(page).toContain('<input type="date" id="date" name="date" value="2027-01-15"');
    expect(page.indexOf('Ankeby')).toBeLessThan(page.indexOf('Örby'));
  });

  it('lists an organisation once, by its latest decision, should the data ever hold two', () => {
    // Prepare
    const older = exampleCertificate({ certificateId: 'QM-2026-0001', issuedAt: '2026-11-25T10:00:00.000Z' });
    const newer = exampleCertificate({ certificateId: 'QM-2027-0004', issuedAt: '2027-03-01T10:00:00.000Z' });

    // Act
    const entries = registerEntries([newer, older], '2027-06-01');

    // Assess
    expect(entries.map((e) => e.certificateId)).toEqual(['QM-2027-0004']);
  });

  it('shows no personal data and escapes what it shows', () => {
    // Prepare
    const entries = registerEntries([exampleCertificate({ organisationName: hostile, town: hostile })], '2027-01-15');

    // Act
    const page = renderRegisterPage({ date: '2027-01-15', today: '2027-01-15', entries });

    // Assess
    expect(Object.keys(entries[0]!).sort()).toEqual(['certificateId', 'organisationName', 'organisationNumber', 'partners', 'town', 'validFrom', 'validUntil']);
    expect(page).not.toContain('Kim Exempelsson');
    expect(page).not.toContain('kim@exempelstad.example');
    expect(page).not.toContain('<script>');
  });

  it('says plainly when nobody holds a valid QM on the date, and marks a bad date as an error', () => {
    // Act
    const empty = renderRegisterPage({ date: '1990-01-01', today: '2027-01-15', entries: [] });
    const error = renderRegisterDateError('"><b>');

    // Assess
    expect(empty).toContain('Ingen organisation har en giltig kvalitetsmärkning 1 januari 1990');
    expect(error).toContain('aria-invalid="true"');
    expect(error).toContain('Ange ett giltigt datum');
    expect(error).not.toContain('"><b>');
  });
});

describe('certificate verification page', () => {
  it('says valid, expired or not yet valid with the dates, and shows no contact person', () => {
    // Act
    const valid = renderCertificateVerification(certificateVerification(exampleCertificate(), '2029-11-25'));
    const expired = renderCertificateVerification(certificateVerification(exampleCertificate(), '2029-11-26'));
    const notYet = renderCertificateVerification(certificateVerification(exampleCertificate({ validFrom: '2029-11-26', validUntil: '2032-11-26' }), '2029-06-01'));

    // Assess
    expect(valid).toContain('<strong>Giltig</strong>');
    expect(valid).toContain('till och med 25 november 2029');
    expect(expired).toContain('<strong>Utgången</strong>');
    expect(notYet).toContain('<strong>Ännu inte giltig</strong>');
    expect(notYet).toContain('börjar gälla 26 november 2029');
    for (const page of [valid, expired, notYet]) {
      expect(page).not.toContain('Kim Exempelsson');
      expect(page).not.toContain('kim@exempelstad.example');
    }
  });

  it('escapes an unknown number it echoes', () => {
    // Act
    const page = renderCertificateNotFound(hostile);

    // Assess
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
  });
});

describe('revision form texts', () => {
  it('introduces the prefilled revision, and refuses with a link to the full application', () => {
    // Act
    const intro = revisionIntro({ certificateId: 'QM-2026-0001', applicationId: 'A-20261125-7KQ3ZP', validUntil: '2029-11-25', windowEnd: '2030-11-25', standing: 'valid' }, 'sv');
    const refused = renderRevisionNotOpen({ open: false, reason: 'window_closed', certificateId: `QM-2026-0001${hostile}`, validUntil: '2029-11-25', windowEnd: '2030-11-25' });
    const refusedInEnglish = renderRevisionNotOpen({ open: false, reason: 'too_early', certificateId: 'QM-2026-0001', validUntil: '2029-11-25', opensOn: '2029-05-29', windowEnd: '2030-11-25' }, 'en');

    // Assess
    expect(intro).toContain('QM-2026-0001');
    expect(intro).toContain('giltig till och med 25 november 2029');
    expect(intro).toContain('A-20261125-7KQ3ZP');
    expect(decoded(refused)).toContain('href="/apply"');
    expect(decoded(refused)).toContain('gällde till och med 25 november 2029');
    expect(refused).not.toContain('<script>');
    expect(refusedInEnglish).toContain('<html lang="en"');
    expect(refusedInEnglish).toContain('from 29 May 2029');
    expect(refusedInEnglish).not.toContain('2029-05-29');
  });

  it('says the dates of the English introduction as English dates, not ISO', () => {
    // Act
    const valid = revisionIntro({ certificateId: 'QM-2026-0001', applicationId: 'A-20261125-7KQ3ZP', validUntil: '2029-11-25', windowEnd: '2030-11-25', standing: 'valid' }, 'en');
    const lapsed = revisionIntro({ certificateId: 'QM-2026-0001', applicationId: 'A-20261125-7KQ3ZP', validUntil: '2029-11-25', windowEnd: '2030-11-25', standing: 'lapsed' }, 'en');

    // Assess
    expect(valid).toContain('valid up to and including 25 November 2029');
    expect(valid).toContain('accepted until 25 November 2030');
    expect(lapsed).toContain('expired after 25 November 2029');
    expect(`${valid} ${lapsed}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
