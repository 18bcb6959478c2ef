import type { Mailer } from '../domain/email-message.js';
import { AppMetric, MetricUnit, metrics } from '../lambda/metrics.js';
import { composeEmail } from '../templates/compose-email.js';
import type { Alerts, ApplicationStore, DeliverabilityStore } from './ports.js';

/** What this needs of an SES bounce or complaint event (EventBridge detail). */
export interface MailEvent {
  eventType: 'Bounce' | 'Complaint';
  recipients: string[];
  /** Bounce: Permanent | Transient | Undetermined; complaint: the feedback type. */
  kind: string;
  messageId: string;
  applicationId?: string;
  at: string;
}

export interface RecordMailEventDeps {
  applications: ApplicationStore;
  deliverability: DeliverabilityStore;
  mailer: Mailer;
  alerts: Alerts;
  reviewerEmails: string[];
  staffEmails: string[];
  programmeContactEmail: string;
}

/**
 * A mail bounced or drew a complaint: the address is marked (undeliverable unless the bounce was
 * transient), the application it was about gets a history note, and a reviewer's or staff address
 * is reported to the programme contact: a bouncing reviewer address would otherwise silently stop
 * reviews. The note names the role, not the address: applicants read their history.
 */
export async function recordMailEvent(deps: RecordMailEventDeps, event: MailEvent): Promise<{ recorded: string[] }> {
  const recorded: string[] = [];
  const lower = (list: string[]) => new Set(list.map((a) => a.toLowerCase()));
  const reviewers = lower(deps.reviewerEmails);
  const staff = lower([...deps.staffEmails, deps.programmeContactEmail]);
  const permanent = event.eventType === 'Complaint' || event.kind === 'Permanent';
  for (const address of event.recipients) {
    const isNew = await deps.deliverability.record({
      address,
      state: permanent ? 'undeliverable' : 'transient_bounce',
      reason: `${event.eventType}: ${event.kind}`,
      at: event.at,
      messageId: event.messageId,
      applicationId: event.applicationId,
    });
    if (!isNew) continue; // the same event delivered twice
    recorded.push(address);
    if (permanent) metrics.addMetric(AppMetric.UndeliverableAddresses, MetricUnit.Count, 1);

    const recipient = reviewers.has(address.toLowerCase()) ? 'reviewer' : staff.has(address.toLowerCase()) ? 'staff' : 'recipient';
    const role = ({ reviewer: 'granskare', staff: 'personal', recipient: 'mottagare' } as const)[recipient];
    const what = event.eventType === 'Bounce' ? `kunde inte levereras (${event.kind})` : 'markerades som skräppost av mottagaren';
    if (event.applicationId) {
      const kind = event.eventType === 'Bounce' ? 'bounce' : 'complaint';
      await deps.applications.appendNote(event.applicationId, {
        at: event.at,
        actor: 'system',
        event: 'mail_undeliverable',
        params: { recipient, kind, ...(kind === 'bounce' ? { bounceType: event.kind } : {}) },
      });
    }
    if (role === 'mottagare' || !permanent) continue;

    const summary = `E-post till ${address} (${role}) ${what}${event.applicationId ? `, om ansökan ${event.applicationId}` : ''}.`;
    const advice = 'Adressen är markerad som obeställbar. Rätta den i stegets konfiguration (reviewerEmails/staffEmails) eller hos mottagaren; annars når inga granskningslänkar fram.';
    if (address.toLowerCase() === deps.programmeContactEmail.toLowerCase()) {
      // The programme contact's own address is what fails: tell the operator instead (SNS).
      await deps.alerts.alert('[QM larm] Programkontaktens adress studsar', `${summary}\n${advice}`);
    } else {
      await deps.mailer.send(
        composeEmail({ to: [deps.programmeContactEmail], subject: `[QM] Obeställbar adress: ${role}`, heading: 'En adress i programmet tar inte emot e-post', paragraphs: [summary, advice] }),
      );
    }
  }
  return { recorded };
}
