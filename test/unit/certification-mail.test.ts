import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import type { ApplicationRecord } from '../../functions/domain/application-record.js';
import type { EmailMessage } from '../../functions/domain/email-message.js';
import type { RecordedDecision, ReviewRound } from '../../functions/domain/review.js';
import { certifyApplication } from '../../functions/use-cases/apply-decision.use-case.js';
import type { LifecycleDeps } from '../../functions/use-cases/lifecycle-deps.js';
import { pdfText } from '../helpers/pdf-tools.js';
import type { Locale } from '../../functions/domain/locale.js';
import type { ApplicationStore, CertificateStore, MemberStore, PartnerStore, ReviewStore, WorkflowCallbacks } from '../../functions/use-cases/ports.js';
import { partialPort } from '../helpers/partial-port.js';

const approval: RecordedDecision = { decision: 'approve', decidedBy: 'granskare@stadskarnor.example', decidedAt: '2026-11-27T09:15:00Z' };

function inReview(locale: Locale): ApplicationRecord {
  return {
    id: 'A-20261125-7KQ3ZP',
    applicationType: 'full',
    status: 'in_review',
    organisation: { organisationNumber: '802999-1000', name: 'Ängeby Stadskärna', town: 'Ängeby', municipality: 'Ängeby kommun' },
    contact: { name: 'Kim Exempelsson', role: 'Centrumchef', email: 'kim@angeby.example' },
    answers: {},
    locale,
    submittedAt: '2026-11-25T10:00:00Z',
    updatedAt: '2026-11-25T10:00:00Z',
    version: 1,
    history: [],
  };
}

/** In-memory stand-ins for what certifying touches: the use case, not the adapters, is under test. */
function certifying(app: ApplicationRecord) {
  let current = app;
  const sent: EmailMessage[] = [];
  const round: ReviewRound = { applicationId: app.id, round: 1, state: 'decided', openedAt: app.submittedAt, reviewers: [approval.decidedBy], decision: approval };
  const deps: LifecycleDeps = {
    applications: partialPort<ApplicationStore>('applications', {
      get: async () => current,
      transition: async (_id, request) => {
        current = { ...current, status: request.to };
        return { ok: true, application: current };
      },
      claimNotification: async () => 'claimed',
      reserveCertificate: async (_id, fields) => (current = { ...current, ...fields }),
      completeNotification: async () => undefined,
      releaseNotification: async () => undefined,
      putStatusLink: async () => undefined,
      forOrganisation: async () => [],
    }),
    reviews: partialPort<ReviewStore>('reviews', { getRound: async () => round }),
    members: partialPort<MemberStore>('members', { find: async () => undefined }),
    partners: partialPort<PartnerStore>('partners', { list: async () => [] }),
    certificates: partialPort<CertificateStore>('certificates', {
      latestForOrganisation: async () => undefined,
      nextCertificateId: async () => 'QM-2026-0007',
      create: async () => 'created',
    }),
    callbacks: partialPort<WorkflowCallbacks>('callbacks', {}),
    mailer: { send: async (message: EmailMessage) => void sent.push(message) },
    now: () => new Date('2026-11-27T09:15:00Z'),
    publicBaseUrl: 'https://qm.example',
    reviewerEmails: [approval.decidedBy],
    programmeContactEmail: 'qm@stadskarnor.example',
    operatorEmail: 'drift@stadskarnor.example',
    completionDeadlineDays: 14,
  };
  return { deps, sent };
}

describe('the certification mail', () => {
  it('attaches the certificate PDF and links the PDF and the public verification page', async () => {
    // Prepare
    const { deps, sent } = certifying(inReview('sv'));

    // Act
    await certifyApplication(deps, { applicationId: 'A-20261125-7KQ3ZP', round: 1 });

    // Assess
    const [mail] = sent;
    expect(mail?.attachments).toHaveLength(1);
    const [attachment] = mail!.attachments!;
    expect(attachment).toMatchObject({ filename: 'Certifikat QM-2026-0007.pdf', contentType: 'application/pdf' });
    const { text } = await pdfText(attachment!.content);
    expect(text.replace(/\s+/g, ' ')).toContain('Ängeby Stadskärna');
    expect(text).toContain('QM-2026-0007');
    expect(mail!.text).toContain('Certifikatet som PDF: https://qm.example/certificates/QM-2026-0007.pdf');
    expect(mail!.text).toContain('Offentlig kontroll av certifikatet (med märke för er webbplats): https://qm.example/certificates/QM-2026-0007\n');
    expect(mail!.html.replaceAll('&#x2F;', '/')).toContain('href="https://qm.example/certificates/QM-2026-0007.pdf"');
  });

  it('says the same in English for an application made in English (the certificate itself stays Swedish)', async () => {
    // Prepare
    const { deps, sent } = certifying(inReview('en'));

    // Act
    await certifyApplication(deps, { applicationId: 'A-20261125-7KQ3ZP', round: 1 });

    // Assess
    expect(sent[0]?.attachments?.[0]?.filename).toBe('Certificate QM-2026-0007.pdf');
    expect(sent[0]?.text).toContain('The certificate as a PDF: https://qm.example/certificates/QM-2026-0007.pdf');
  });
});

describe('SesMailer', () => {
  it('sends attachments through the SES v2 attachments API of simple content', async () => {
    // Prepare
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

    // Act
    await new SesMailer('qm@stadskarnor.example').send({
      to: ['kim@angeby.example'],
      subject: 'Grattis!',
      html: '<p>Hej</p>',
      text: 'Hej',
      attachments: [{ filename: 'Certifikat QM-2026-0007.pdf', contentType: 'application/pdf', content: pdf }],
    });

    // Assess
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Content?.Simple?.Attachments).toEqual([
      { FileName: 'Certifikat QM-2026-0007.pdf', ContentType: 'application/pdf', ContentDisposition: 'ATTACHMENT', ContentTransferEncoding: 'BASE64', RawContent: pdf },
    ]);
    ses.restore();
  });
});
