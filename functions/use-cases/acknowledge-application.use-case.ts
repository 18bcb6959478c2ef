import type { Mailer } from '../domain/email-message.js';
import { PermanentError } from '../domain/errors.js';
import { acknowledgementEmail } from '../templates/acknowledgement.template.js';
import { newStatusLink } from './status-link.js';
import { sendOnce } from './send-once.js';
import type { ApplicationStore } from './ports.js';

export interface AcknowledgeApplicationDeps {
  applications: ApplicationStore;
  mailer: Mailer;
  publicBaseUrl: string;
  now: () => Date;
}

/**
 * Emails the applicant a receipt with a private status link, then marks the application
 * acknowledged. Safe to retry: the email goes out once (see sendOnce).
 */
export async function acknowledgeApplication(deps: AcknowledgeApplicationDeps, applicationId: string): Promise<{ status: string }> {
  const application = await deps.applications.get(applicationId);
  if (!application) throw new PermanentError(`Application ${applicationId} does not exist`);
  if (application.status !== 'submitted') return { status: application.status };

  await sendOnce(deps, applicationId, 'acknowledgement', async () => {
    const statusUrl = await newStatusLink(deps, applicationId);
    await deps.mailer.send(acknowledgementEmail(application, statusUrl));
  });

  const result = await deps.applications.transition(applicationId, {
    from: 'submitted',
    to: 'acknowledged',
    actor: 'system',
    at: deps.now().toISOString(),
    event: 'acknowledged',
    params: {},
  });
  return { status: result.ok ? result.application.status : (result.current?.status ?? 'unknown') };
}
