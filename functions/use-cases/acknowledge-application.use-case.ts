import type { ApplicationRepository } from '../adapters/application.repository.js';
import type { Mailer } from '../domain/email-message.js';
import { PermanentError } from '../domain/errors.js';
import { hashToken, newSecretToken } from '../domain/secret-token.js';
import { acknowledgementEmail } from '../templates/acknowledgement.template.js';

export interface AcknowledgeApplicationDeps {
  applications: ApplicationRepository;
  mailer: Mailer;
  publicBaseUrl: string;
  now: () => Date;
}

/**
 * Emails the applicant a receipt with a private status link, then marks the application
 * acknowledged. Safe to retry: the email is claimed before sending, so a retried step does not
 * mail twice, and a failed send gives the claim back so the retry can send.
 */
export async function acknowledgeApplication(deps: AcknowledgeApplicationDeps, applicationId: string): Promise<{ status: string }> {
  const application = await deps.applications.get(applicationId);
  if (!application) throw new PermanentError(`Application ${applicationId} does not exist`);
  if (application.status !== 'submitted') return { status: application.status };

  if (await deps.applications.claimNotification(applicationId, 'acknowledgement', deps.now())) {
    try {
      const token = newSecretToken();
      await deps.applications.putStatusLink(hashToken(token), applicationId);
      await deps.mailer.send(acknowledgementEmail(application, `${deps.publicBaseUrl}/status/${token}`));
    } catch (error) {
      await deps.applications.releaseNotification(applicationId, 'acknowledgement');
      throw error;
    }
    await deps.applications.completeNotification(applicationId, 'acknowledgement', deps.now());
  }

  const result = await deps.applications.transition(applicationId, {
    from: 'submitted',
    to: 'acknowledged',
    actor: 'system',
    at: deps.now().toISOString(),
    comment: 'Mottagningsbekräftelse skickad till sökanden',
  });
  return { status: result.ok ? result.application.status : (result.current?.status ?? 'unknown') };
}
