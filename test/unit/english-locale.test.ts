import { describe, expect, it } from 'vitest';
import type { ApplicationRecord, HistoryEntry } from '../../functions/domain/application-record.js';
import type { Locale } from '../../functions/domain/locale.js';
import type { ApplicationStatus } from '../../functions/domain/application-status.js';
import type { Certificate } from '../../functions/domain/certificate.js';
import type { EmailMessage } from '../../functions/domain/email-message.js';
import type { RecordedDecision, ReviewRound } from '../../functions/domain/review.js';
import { acknowledgementEmail } from '../../functions/templates/acknowledgement.template.js';
import { lapseNoticeEmail, renewalReminderEmail } from '../../functions/templates/renewal-reminder.template.js';
import {
  certifiedEmail,
  completionRequestedEmail,
  expiredEmail,
  rejectedEmail,
  reviewInvitationEmail,
} from '../../functions/templates/review-emails.template.js';
import { renderStatusPage } from '../../functions/templates/status-page.template.js';
import {
  formatCalendarDate,
  formatEnglishCalendarDate,
  formatEnglishDate,
  formatEnglishDateTime,
  formatSwedishDate,
  formatSwedishDateTime,
} from '../../functions/templates/swedish-dates.js';
import { certifyApplication, expireApplication } from '../../functions/use-cases/apply-decision.use-case.js';
import type { LifecycleDeps } from '../../functions/use-cases/lifecycle-deps.js';
import { exampleCertificate } from '../renewals/certificate-fixtures.js';
import type { ApplicationStore, CertificateStore, MemberStore, PartnerStore, ReviewStore, WorkflowCallbacks } from '../../functions/use-cases/ports.js';
import { partialPort } from '../helpers/partial-port.js';
import { renderCompletionClosed, renderCompletionDone, renderCompletionForm } from '../../functions/templates/completion-page.template.js';
import type { CompletionRequest } from '../../functions/domain/review.js';

const hostile = '<script>alert("x")</script>';
const statusUrl = 'https://qm.example/status/abc';
const certificateDetails = { certificateId: 'QM-2026-0001', validFrom: '2026-11-25', validUntil: '2029-11-25', statusUrl };

function application(locale: Locale, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id: 'A-20261125-7KQ3ZP',
    applicationType: 'full',
    status: 'acknowledged',
    organisation: { organisationNumber: '802999-1000', name: 'Exempelstad City', town: 'Exempelstad', municipality: 'Exempelstads kommun' },
    contact: { name: 'Kim Exempelsson', role: 'Centrumchef', email: 'kim@exempelstad.example' },
    answers: {},
    locale,
    // 23:30 UTC on 25 November is 26 November in Stockholm.
    submittedAt: '2026-11-25T23:30:00Z',
    updatedAt: '2026-11-25T23:30:00Z',
    version: 1,
    history: [{ at: '2026-11-25T23:30:00Z', actor: 'kim@exempelstad.example', from: null, to: 'submitted' }],
    ...overrides,
  };
}

/** The five mails the applicant can get, for one application. */
function applicantMails(app: ApplicationRecord): Record<'acknowledgement' | 'certified' | 'rejected' | 'completion' | 'expired', EmailMessage> {
  return {
    acknowledgement: acknowledgementEmail(app, statusUrl),
    certified: certifiedEmail(app, { ...certificateDetails, organisationName: app.organisation.name, comment: 'Bra jobbat.' }),
    rejected: rejectedEmail(app, 'Underlaget räcker inte.', statusUrl),
    completion: completionRequestedEmail(app, 'Beskriv budgeten.', 'https://qm.example/complete/xyz', '2026-12-09T22:59:59Z'),
    expired: expiredEmail(app, 'https://qm.example/apply?lang=en'),
  };
}

describe('English dates', () => {
  it('writes dates in English, in Swedish time, and leaves the Swedish ones as they were', () => {
    // Act
    const english = [formatEnglishDate('2026-11-25T23:30:00Z'), formatEnglishDateTime('2026-11-25T23:30:00Z'), formatEnglishCalendarDate('2029-11-25')];
    const swedish = [formatSwedishDate('2026-11-25T23:30:00Z'), formatSwedishDateTime('2026-11-25T23:30:00Z'), formatCalendarDate('2029-11-25')];

    // Assess
    expect(english).toEqual(['26 November 2026', '26 November 2026 at 00:30', '25 November 2029']);
    expect(swedish).toEqual(['26 november 2026', '26 november 2026 kl. 00:30', '25 november 2029']);
  });
});

describe("the applicant's emails in English", () => {
  it('are English throughout for an application made in English: subject, text, dates, footer and lang="en"', () => {
    // Act
    const mails = applicantMails(application('en'));

    // Assess
    expect(mails.acknowledgement.subject).toBe('We have received your application (A-20261125-7KQ3ZP) – Quality Mark QM');
    expect(mails.acknowledgement.text).toContain("We received Exempelstad City's QM application on 26 November 2026.");
    expect(mails.certified.subject).toBe('Congratulations! Exempelstad City holds the Quality Mark (QM) – QM-2026-0001 (application A-20261125-7KQ3ZP)');
    expect(mails.certified.text).toContain('Valid up to and including: 25 November 2029');
    expect(mails.certified.text).toContain("The reviewer's comment:\n> Bra jobbat.");
    expect(mails.rejected.subject).toBe('Decision on your application A-20261125-7KQ3ZP: rejected');
    expect(mails.rejected.text).toContain("The reviewer's reasons:\n> Underlaget räcker inte.");
    expect(mails.completion.subject).toBe('Completion needed: application A-20261125-7KQ3ZP');
    expect(mails.completion.text).toContain('Complete the application by 9 December 2026 at the latest.');
    expect(mails.completion.text).toContain('Complete the application: https://qm.example/complete/xyz');
    expect(mails.expired.subject).toBe('Application A-20261125-7KQ3ZP has been closed');
    expect(mails.expired.text).toContain('Make a new application: https://qm.example/apply?lang=en');
    for (const mail of Object.values(mails)) {
      expect(mail.to).toEqual(['kim@exempelstad.example']);
      expect(mail.text).toContain('Hello Kim Exempelsson,');
      expect(mail.text).toContain('This message was sent automatically.');
      expect(mail.text).not.toMatch(/Hej |Ansökan|ansökan|Detta meddelande/);
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.html).toContain('Svenska Stadskärnor · Quality Mark (QM)');
      expect(mail.html).not.toContain('Kvalitetsmärkning (QM)');
    }
  });

  it('stay Swedish, as before, for a Swedish application and for a stored one without a locale', () => {
    // Prepare
    const { locale: _locale, ...withoutLocale } = application('sv');

    // Act
    const mails = applicantMails(application('sv'));
    const older = acknowledgementEmail(withoutLocale as ApplicationRecord, statusUrl);

    // Assess
    expect(mails.acknowledgement.subject).toBe('Vi har tagit emot er ansökan (A-20261125-7KQ3ZP) – kvalitetsmärkning QM');
    expect(mails.acknowledgement.text).toContain('Vi har tagit emot Exempelstad Citys QM-ansökan den 26 november 2026.');
    expect(mails.certified.subject).toBe('Grattis! Exempelstad City är kvalitetsmärkt (QM) – QM-2026-0001 (ansökan A-20261125-7KQ3ZP)');
    expect(mails.certified.text).toContain('Giltigt till och med: 25 november 2029');
    expect(mails.rejected.subject).toBe('Beslut om er ansökan A-20261125-7KQ3ZP: avslag');
    expect(mails.rejected.text).toContain('Granskarens motivering:\n> Underlaget räcker inte.');
    expect(mails.completion.subject).toBe('Komplettering behövs: ansökan A-20261125-7KQ3ZP');
    expect(mails.completion.text).toContain('Komplettera ansökan senast 9 december 2026.');
    expect(mails.expired.subject).toBe('Ansökan A-20261125-7KQ3ZP har avslutats');
    for (const mail of Object.values(mails)) {
      expect(mail.text).toContain('Hej Kim Exempelsson,');
      expect(mail.text).toMatch(/--\nSvenska Stadskärnor · Kvalitetsmärkning \(QM\)\nDetta meddelande skickades automatiskt\. Länken i mejlet är personlig – dela den inte\.\nFrågor\? Skriv till \S+@\S+\nSå behandlar vi personuppgifter: \S*\/integritet$/);
      expect(mail.html).toContain('<html lang="sv">');
      expect(mail.text).not.toContain('Hello');
    }
    expect(older).toEqual(mails.acknowledgement);
  });

  it('shows the completion form and its answer pages in the application\'s language', () => {
    // Prepare
    const request: CompletionRequest = {
      applicationId: 'A-20261125-7KQ3ZP',
      round: 1,
      requestedAt: '2026-11-25T10:00:00Z',
      comment: 'Describe the follow-up.',
      criteria: [{ id: 'followUp', value: 'partly', comment: 'No timetable.' }],
      deadline: '2026-12-09T22:59:59.999Z',
    };

    // Act
    const english = renderCompletionForm({ application: application('en'), request, action: '/complete/abc' });
    const swedish = renderCompletionForm({ application: application('sv'), request, action: '/complete/abc' });
    const done = renderCompletionDone(application('en'), { justNow: true });
    const closed = renderCompletionClosed(application('en'));

    // Assess
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Complete application A-20261125-7KQ3ZP');
    expect(english).toContain('The reviewer on “Follow-up” (partly met): No timetable.');
    expect(english).toContain('send the application by 9 December 2026');
    expect(english).not.toMatch(/Komplettera|Granskaren|senast/);
    expect(swedish).toContain('Komplettera ansökan A-20261125-7KQ3ZP');
    expect(swedish).toContain('skicka in ansökan senast 9 december 2026');
    expect(done).toContain('<h1>Thank you for the completion!</h1>');
    expect(closed).toContain('<html lang="en">');
    expect(closed).toMatch(/href="\/apply\?lang=en"/);
  });

  it('leaves the mails to the association\'s staff in Swedish, whatever the application\'s language', () => {
    // Act
    const invitation = reviewInvitationEmail(application('en'), 'granskare@stadskarnor.example', 'https://qm.example/review/abc', 1);

    // Assess
    expect(invitation.subject).toBe('Ny ansökan att granska: Exempelstad City i Exempelstad (A-20261125-7KQ3ZP)');
    expect(invitation.html).toContain('<html lang="sv">');
  });

  it('still escapes what the applicant and the reviewer wrote', () => {
    // Prepare
    const app = application('en', {
      organisation: { organisationNumber: '802999-1000', name: hostile, town: hostile, municipality: 'Exempelstads kommun' },
      contact: { name: hostile, role: 'Centrumchef', email: 'kim@exempelstad.example' },
    });

    // Act
    const mails = [
      ...Object.values(applicantMails(app)),
      rejectedEmail(app, hostile, statusUrl),
      completionRequestedEmail(app, hostile, 'https://qm.example/complete/xyz', '2026-12-09T22:59:59Z'),
    ];

    // Assess
    for (const mail of mails) {
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;');
    }
  });
});

describe('renewal emails in English', () => {
  it("follow the certificate's locale, and stay Swedish without one", () => {
    // Prepare
    const details = { daysLeft: 90, revisionUrl: 'https://qm.example/apply?type=revision&token=abc&lang=en', windowEnd: '2030-11-25' };

    // Act
    const reminder = renewalReminderEmail(exampleCertificate({ locale: 'en' }), details);
    const lapse = lapseNoticeEmail(exampleCertificate({ locale: 'en' }), { windowEnd: '2030-11-25', fullApplicationUrl: 'https://qm.example/apply?lang=en' });
    const swedish = renewalReminderEmail(exampleCertificate(), details);

    // Assess
    expect(reminder.subject).toBe("Reminder to revise: Exempelstad City's Quality Mark is valid up to and including 25 November 2029");
    expect(reminder.text).toContain('is valid up to and including 25 November 2029. It is valid for 90 more days.');
    expect(reminder.text).toContain('It is valid up to and including 25 November 2030.');
    expect(reminder.html).toContain('<html lang="en">');
    expect(lapse.subject).toBe('Your Quality Mark has expired – Exempelstad City (QM-2026-0001)');
    expect(lapse.text).toContain('To hold the Quality Mark again, make a full QM application: https://qm.example/apply?lang=en');
    expect(lapse.html).toContain('<html lang="en">');
    expect(swedish.subject).toBe('Påminnelse om revidering: Exempelstad Citys kvalitetsmärkning är giltig till och med 25 november 2029');
    expect(swedish.html).toContain('<html lang="sv">');
  });
});

describe('the status page in English', () => {
  const history: HistoryEntry[] = [
    { at: '2026-11-25T23:30:00Z', actor: 'kim@exempelstad.example', from: null, to: 'submitted', event: 'submitted', params: {} },
    { at: '2026-11-26T08:00:00Z', actor: 'system', from: 'submitted', to: 'acknowledged', event: 'acknowledged', params: {} },
    { at: '2026-11-27T09:15:00Z', actor: 'granskare@stadskarnor.example', from: 'in_review', to: 'certified', event: 'certified', params: { certificateId: 'QM-2026-0001' } },
  ];
  const certified = (locale: Locale, overrides: Partial<ApplicationRecord> = {}) =>
    application(locale, { status: 'certified' as ApplicationStatus, history, certificateId: 'QM-2026-0001', validFrom: '2026-11-27', validUntil: '2029-11-27', ...overrides });

  it('is English for an application made in English: labels, status, dates, system comments and the certificate', () => {
    // Act
    const page = renderStatusPage({ application: certified('en'), justSubmitted: true });

    // Assess
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Status of application A-20261125-7KQ3ZP – Svenska Stadskärnor</title>');
    expect(page).toContain('Thank you! Your application has been received.');
    expect(page).toContain('<dt>Submitted</dt><dd>26 November 2026</dd>');
    expect(page).toContain('Approved – certified');
    expect(page).toContain('<td data-label="When">27 November 2026 at 10:15</td>');
    expect(page).toContain('<td data-label="By">The system</td><td data-label="Comment">Acknowledgement sent to the applicant</td>');
    expect(page).toContain('<td data-label="Comment">Certified: QM-2026-0001</td>');
    expect(page).toContain('The certificate is valid from 27 November 2026 up to and including <strong>27 November 2029</strong>.');
    expect(page).not.toMatch(/Händelser|Inskickad|Godkänd|Systemet|november/);
  });

  it('is Swedish, as before, for a Swedish application', () => {
    // Act
    const page = renderStatusPage({ application: certified('sv') });

    // Assess
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('<h1>Ansökan A-20261125-7KQ3ZP</h1>');
    expect(page).toContain('<dt>Inskickad</dt><dd>26 november 2026</dd>');
    expect(page).toContain('<td data-label="Av">Systemet</td><td data-label="Kommentar">Mottagningsbekräftelse skickad till den sökande</td>');
    expect(page).toContain('Godkänd – certifierad');
    expect(page).toContain('<h2>Händelser</h2>');
    expect(page).not.toContain('Application');
  });

  it("escapes the applicant's input and the reviewer's comments", () => {
    // Prepare
    const app = certified('en', {
      organisation: { organisationNumber: '802999-1000', name: hostile, town: hostile, municipality: 'Exempelstads kommun' },
      history: [...history, { at: '2026-11-28T09:00:00Z', actor: 'granskare@stadskarnor.example', from: 'certified', to: 'certified', event: 'certified', params: { certificateId: 'QM-2026-0001', comment: hostile } }],
    });

    // Act
    const page = renderStatusPage({ application: app });

    // Assess
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
  });
});

/** In-memory stand-ins for what certifying and expiring touch (the use cases, not the adapters, are tested). */
function lifecycle(app: ApplicationRecord, decision: RecordedDecision) {
  let current = app;
  const created: Certificate[] = [];
  const sent: EmailMessage[] = [];
  const round: ReviewRound = { applicationId: app.id, round: 1, state: 'decided', openedAt: app.submittedAt, reviewers: [decision.decidedBy], decision };
  const deps: LifecycleDeps = {
    applications: partialPort<ApplicationStore>('applications', {
      get: async () => current,
      transition: async (_id, request) => {
        current = { ...current, ...request.set, status: request.to };
        return { ok: true, application: current };
      },
      claimNotification: async () => 'claimed',
      reserveCertificate: async (_id, fields) => {
        current = { ...current, ...fields };
        return current;
      },
      completeNotification: async () => undefined,
      releaseNotification: async () => undefined,
      putStatusLink: async () => undefined,
      forOrganisation: async () => [],
    }),
    members: partialPort<MemberStore>('members', { find: async () => undefined }),
    reviews: partialPort<ReviewStore>('reviews', {
      getRound: async () => round,
      closeCompletion: async () => true,
    }),
    certificates: partialPort<CertificateStore>('certificates', {
      latestForOrganisation: async () => undefined,
      nextCertificateId: async () => 'QM-2026-0007',
      create: async (certificate) => {
        created.push(certificate);
        return 'created';
      },
    }),
    mailer: { send: async (message: EmailMessage) => void sent.push(message) },
    partners: partialPort<PartnerStore>('partners', { list: async () => [] }),
    callbacks: partialPort<WorkflowCallbacks>('callbacks', {}),
    now: () => new Date('2026-11-27T09:15:00Z'),
    publicBaseUrl: 'https://qm.example',
    reviewerEmails: [decision.decidedBy],
    programmeContactEmail: 'qm@stadskarnor.example',
    operatorEmail: 'drift@stadskarnor.example',
    completionDeadlineDays: 14,
  };
  return { deps, created, sent };
}

describe('the language carried through the lifecycle', () => {
  const approval: RecordedDecision = { decision: 'approve', decidedBy: 'granskare@stadskarnor.example', decidedAt: '2026-11-27T09:15:00Z' };

  it("puts an English application's locale on its certificate (for the renewal mails), and none on a Swedish one", async () => {
    // Prepare
    const english = lifecycle(application('en', { status: 'in_review' }), approval);
    const swedish = lifecycle(application('sv', { status: 'in_review' }), approval);

    // Act
    await certifyApplication(english.deps, { applicationId: 'A-20261125-7KQ3ZP', round: 1 });
    await certifyApplication(swedish.deps, { applicationId: 'A-20261125-7KQ3ZP', round: 1 });

    // Assess
    expect(english.created[0]?.locale).toBe('en');
    expect(english.sent[0]?.subject).toMatch(/^Congratulations!/);
    expect(swedish.created[0]).not.toHaveProperty('locale');
    expect(swedish.sent[0]?.subject).toMatch(/^Grattis!/);
  });

  it('links an English applicant whose application expired to the English form', async () => {
    // Prepare
    const english = lifecycle(application('en', { status: 'completion_requested' }), approval);
    const swedish = lifecycle(application('sv', { status: 'completion_requested' }), approval);

    // Act
    await expireApplication(english.deps, { applicationId: 'A-20261125-7KQ3ZP', round: 1 });
    await expireApplication(swedish.deps, { applicationId: 'A-20261125-7KQ3ZP', round: 1 });

    // Assess
    expect(english.sent[0]?.text).toContain('Make a new application: https://qm.example/apply?lang=en');
    expect(swedish.sent[0]?.text).toContain('Gör en ny ansökan: https://qm.example/apply\n');
  });
});
