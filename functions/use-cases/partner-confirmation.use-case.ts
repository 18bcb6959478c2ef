import type { ApplicationRecord } from '../domain/application-record.js';
import { isFinal } from '../domain/application-status.js';
import type { Mailer } from '../domain/email-message.js';
import { PermanentError } from '../domain/errors.js';
import { clearedForApproval, type Partner, type PartnerAnswer, type PartnerConfirmation } from '../domain/partners.js';
import { hashToken, isWellFormedToken, newSecretToken } from '../domain/secret-token.js';
import { historyEvent, historyPartner } from '../domain/history-event.js';
import { partnerConfirmationEmail } from '../templates/partner-emails.template.js';
import { requireApplication } from './lifecycle-deps.js';
import { sendOnce } from './send-once.js';
import type { ApplicationStore, PartnerStore, WorkflowCallbacks } from './ports.js';
import { absoluteUrl, paths } from '../http/paths.js';

/**
 * The partners confirm the collaboration: each named partner gets a private link after the
 * application is acknowledged, answers once (confirm, or decline with a reason), is reminded while
 * silent, and is released when the review ends without the answer. Runs beside the review.
 */
export interface PartnerDeps {
  applications: ApplicationStore;
  partners: PartnerStore;
  mailer: Mailer;
  callbacks: WorkflowCallbacks;
  now: () => Date;
  publicBaseUrl: string;
}

/** What the workflow's Map runs over: the partners' positions (ids only). */
export async function listPartners(deps: Pick<PartnerDeps, 'applications'>, applicationId: string): Promise<{ partners: number[] }> {
  const application = await requireApplication(deps, applicationId);
  return { partners: (application.partners ?? []).map((_, index) => index) };
}

function partnerOf(application: ApplicationRecord, index: number): Partner {
  const partner = application.partners?.[index];
  if (!partner) throw new PermanentError(`Application ${application.id} has no partner ${index}`);
  return partner;
}

async function newPartnerLink(deps: PartnerDeps, applicationId: string, index: number): Promise<string> {
  const token = newSecretToken();
  await deps.partners.putLink(hashToken(token), applicationId, index, deps.now());
  return absoluteUrl(deps.publicBaseUrl, paths.partner(token));
}

/** An answer, the officer's override or the end of the review: what the workflow's wait should hear about. */
const settled = (application: ApplicationRecord, confirmation: PartnerConfirmation) =>
  confirmation.decision !== undefined || confirmation.releasedAt !== undefined || confirmation.overriddenAt !== undefined || isFinal(application.status);

/**
 * The callback step of one partner: parks the task token on the partner's request and mails the
 * partner once. An answer given while the workflow was elsewhere (reminding) is handed over at once.
 */
export async function awaitPartnerConfirmation(deps: PartnerDeps, input: { applicationId: string; partner: number; taskToken: string }): Promise<void> {
  const application = await requireApplication(deps, input.applicationId);
  const partner = partnerOf(application, input.partner);
  const confirmation = await deps.partners.upsertRequest({
    applicationId: application.id,
    index: input.partner,
    ...partner,
    requestedAt: deps.now().toISOString(),
    taskToken: input.taskToken,
  });
  if (settled(application, confirmation)) {
    await deps.callbacks.succeed(input.taskToken, { decision: confirmation.decision ?? 'released' });
    return;
  }
  await sendOnce(deps, application.id, `partner-${input.partner}-request`, async () => {
    await deps.mailer.send(partnerConfirmationEmail({ application, partner, url: await newPartnerLink(deps, application.id, input.partner), reminder: 0 }));
  });
}

/** Reminds a partner who has not answered, with a fresh link (earlier ones still work). */
export async function remindPartner(deps: PartnerDeps, input: { applicationId: string; partner: number; reminder: number }): Promise<void> {
  const [application, confirmation] = await Promise.all([requireApplication(deps, input.applicationId), deps.partners.get(input.applicationId, input.partner)]);
  if (!confirmation || settled(application, confirmation)) return;
  const partner = partnerOf(application, input.partner);
  const key = `partner-${input.partner}-reminder-${input.reminder}`;
  await sendOnce(deps, application.id, key, async () => {
    await deps.mailer.send(partnerConfirmationEmail({ application, partner, url: await newPartnerLink(deps, application.id, input.partner), reminder: input.reminder }));
  });
  await deps.partners.setReminders(application.id, input.partner, input.reminder);
  await deps.applications.appendEvent(
    application.id,
    { at: deps.now().toISOString(), actor: 'system', event: 'partner_reminded', params: { partner: historyPartner(partner), reminder: input.reminder } },
    key,
  );
}

/**
 * The review ended without a certificate: the partners who have not answered are released, so
 * their waits (and the execution) end. Idempotent; a wait that starts later finds the release.
 */
export async function releasePartnerConfirmations(deps: Pick<PartnerDeps, 'partners' | 'callbacks' | 'now'>, applicationId: string): Promise<void> {
  const at = deps.now().toISOString();
  for (const confirmation of await deps.partners.list(applicationId)) {
    if (confirmation.decision) continue;
    await deps.partners.release(applicationId, confirmation.index, at);
    if (confirmation.taskToken) await deps.callbacks.succeed(confirmation.taskToken, { decision: 'released' });
  }
}

export type PartnerLinkView =
  | { kind: 'unknown' }
  | { kind: 'answered'; application: ApplicationRecord; confirmation: PartnerConfirmation }
  | { kind: 'closed'; application: ApplicationRecord; confirmation: PartnerConfirmation }
  | { kind: 'open'; application: ApplicationRecord; confirmation: PartnerConfirmation };

/** What a partner's link shows. Reads only: mail scanners open links before people do. */
export async function viewPartnerLink(deps: Pick<PartnerDeps, 'applications' | 'partners'>, token: string): Promise<PartnerLinkView> {
  if (!isWellFormedToken(token)) return { kind: 'unknown' };
  const link = await deps.partners.findLink(hashToken(token));
  if (!link) return { kind: 'unknown' };
  const [application, confirmation] = await Promise.all([deps.applications.get(link.applicationId), deps.partners.get(link.applicationId, link.index)]);
  if (!application || !confirmation) return { kind: 'unknown' };
  if (confirmation.decision) return { kind: 'answered', application, confirmation };
  if (confirmation.releasedAt || isFinal(application.status)) return { kind: 'closed', application, confirmation };
  return { kind: 'open', application, confirmation };
}

export type AnswerPartnerResult =
  | { kind: 'unknown' }
  | { kind: 'closed'; application: ApplicationRecord }
  | { kind: 'already_answered'; application: ApplicationRecord; confirmation: PartnerConfirmation }
  | { kind: 'answered'; application: ApplicationRecord; confirmation: PartnerConfirmation };

/** Records the partner's answer once, writes it to the history and wakes the partner's wait. */
export async function answerPartnerLink(deps: PartnerDeps, token: string, answer: PartnerAnswer): Promise<AnswerPartnerResult> {
  const view = await viewPartnerLink(deps, token);
  if (view.kind === 'unknown') return view;
  if (view.kind === 'closed') return { kind: 'closed', application: view.application };
  if (view.kind === 'answered') {
    // A repeat (perhaps after a failure midway): make sure the first answer took effect.
    await settleAnswer(deps, view.application, view.confirmation);
    return { kind: 'already_answered', application: view.application, confirmation: view.confirmation };
  }
  const { answered, confirmation } = await deps.partners.answer(view.application.id, view.confirmation.index, answer.decision, answer.comment, deps.now().toISOString());
  if (!answered || !confirmation) {
    if (confirmation?.decision) return { kind: 'already_answered', application: view.application, confirmation };
    return { kind: 'closed', application: view.application };
  }
  await settleAnswer(deps, view.application, confirmation);
  return { kind: 'answered', application: view.application, confirmation };
}

async function settleAnswer(deps: PartnerDeps, application: ApplicationRecord, confirmation: PartnerConfirmation): Promise<void> {
  const confirmed = confirmation.decision === 'confirm';
  await deps.applications.appendEvent(
    application.id,
    {
      at: confirmation.decidedAt ?? deps.now().toISOString(),
      actor: confirmation.email,
      ...(confirmed
        ? historyEvent('partner_confirmed', { partner: historyPartner(confirmation) })
        : historyEvent('partner_declined', { partner: historyPartner(confirmation), comment: confirmation.comment })),
    },
    `partner-${confirmation.index}-answer`,
  );
  if (confirmation.taskToken) await deps.callbacks.succeed(confirmation.taskToken, { decision: confirmation.decision });
}

/**
 * The QM officer lets the application be approved without the confirmations still missing (a
 * partner who is silent, declined, or has not been asked yet), with a reason: each such partner is
 * marked overridden, its wait ends, and the history says so. A later confirmation is still recorded.
 * Returns the partners overridden; none when nothing was missing.
 */
export async function overridePartnerConfirmations(
  deps: Pick<PartnerDeps, 'applications' | 'partners' | 'callbacks' | 'now'>,
  application: ApplicationRecord,
  staff: string,
  reason: string,
): Promise<Partner[]> {
  const at = deps.now().toISOString();
  const overridden: Partner[] = [];
  for (const [index, { partner, confirmation }] of (await partnerStatuses(deps, application)).entries()) {
    if (clearedForApproval(confirmation)) continue;
    const updated = await deps.partners.override(application.id, index, partner, staff, reason, at);
    if (!updated) continue;
    overridden.push(partner);
    await deps.applications.appendEvent(
      application.id,
      { at, actor: staff, event: 'partner_overridden', params: { partner: historyPartner(partner), reason } },
      `partner-${index}-override`,
    );
    if (updated.taskToken && !updated.decision) await deps.callbacks.succeed(updated.taskToken, { decision: 'overridden' });
  }
  return overridden;
}

/** Each named partner with its request, if one was made yet (for the reviewer and the approval rule). */
export async function partnerStatuses(deps: Pick<PartnerDeps, 'partners'>, application: ApplicationRecord): Promise<{ partner: Partner; confirmation?: PartnerConfirmation }[]> {
  const confirmations = await deps.partners.list(application.id);
  return (application.partners ?? []).map((partner, index) => {
    const confirmation = confirmations.find((c) => c.index === index);
    return confirmation ? { partner, confirmation } : { partner };
  });
}
