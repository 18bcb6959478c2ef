import type { ApplicationRecord } from '../../domain/application-record.js';
import { canWithdraw, isFinal, type ApplicationStatus } from '../../domain/application-status.js';
import type { AuditEntry } from '../../domain/audit.js';
import { addDays, stockholmDate, type CalendarDate } from '../../domain/calendar-date.js';
import type { Member } from '../../domain/member.js';
import { partnerPublicName, type Partner, type PartnerConfirmation } from '../../domain/partners.js';
import type { ReviewRound } from '../../domain/review.js';
import { completionExtendedEmail, withdrawnEmail } from '../../templates/admin-emails.template.js';
import { reviewInvitationEmail } from '../../templates/review-emails.template.js';
import { currentRound } from '../lifecycle-deps.js';
import { overridePartnerConfirmations, partnerStatuses } from '../partner-confirmation.use-case.js';
import { newReviewLink } from '../review-round.use-case.js';
import { done, refused, type ActionOutcome, type AdminDeps } from './admin-deps.js';
import type { CompletionRequest } from '../../domain/review.js';

/** Everything the workspace shows about one application. */
export interface ApplicationAdminView {
  application: ApplicationRecord;
  member?: Member;
  rounds: ReviewRound[];
  completions: CompletionRequest[];
  /** The named partners and their answers (or the officer's override). */
  partners: { partner: Partner; confirmation?: PartnerConfirmation }[];
  audit: AuditEntry[];
}

export async function viewApplication(deps: AdminDeps, id: string): Promise<ApplicationAdminView | undefined> {
  const application = await deps.applications.get(id);
  if (!application) return undefined;
  const count = currentRound(application);
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const [member, rounds, completions, partners, audit] = await Promise.all([
    deps.members.find(application.organisation.organisationNumber),
    Promise.all(numbers.map((n) => deps.reviews.getRound(id, n))),
    Promise.all(numbers.map((n) => deps.reviews.getCompletionRequest(id, n))),
    partnerStatuses(deps, application),
    deps.audit.forItem('application', id),
  ]);
  return {
    application,
    ...(member ? { member } : {}),
    rounds: rounds.filter((r): r is ReviewRound => r !== undefined),
    completions: completions.filter((c): c is CompletionRequest => c !== undefined),
    partners,
    audit,
  };
}

async function record(deps: AdminDeps, staff: string, action: AuditEntry['action'], id: string, extra: { reason?: string; details?: string } = {}) {
  await deps.audit.record({ at: deps.now().toISOString(), actor: staff, action, itemKind: 'application', itemId: id, ...extra });
}

/** New links for the open round's reviewers; the links sent before stop working. */
export async function resendReviewLinks(deps: AdminDeps, staff: string, id: string): Promise<ActionOutcome> {
  return reissueReviewLinks(deps, staff, id, undefined, undefined);
}

/** Gives the open round other reviewers: they get links, and every earlier link stops working. */
export async function changeReviewers(deps: AdminDeps, staff: string, id: string, reviewers: string[], reason: string | undefined): Promise<ActionOutcome> {
  return reissueReviewLinks(deps, staff, id, reviewers, reason);
}

async function reissueReviewLinks(deps: AdminDeps, staff: string, id: string, reviewers: string[] | undefined, reason: string | undefined): Promise<ActionOutcome> {
  const application = await deps.applications.get(id);
  if (!application) return refused(404, 'Ansökan finns inte.');
  const round = currentRound(application);
  if (application.status !== 'in_review' || round === 0) return refused(409, 'Ansökan väntar inte på granskning, så det finns inga granskningslänkar att skicka.');
  const reissued = await deps.reviews.reissueLinks(id, round, reviewers);
  if (!reissued) return refused(409, 'Granskningsomgången är redan avslutad.');
  for (const reviewer of reissued.reviewers) {
    const link = await newReviewLink(deps, application, round, reviewer, reissued.linkGeneration);
    await deps.mailer.send(reviewInvitationEmail(application, reviewer, link, round));
  }
  const at = deps.now().toISOString();
  const action = reviewers ? 'change-reviewers' : 'resend-review-links';
  const details = `${reviewers ? 'Nya granskare' : 'Nya länkar till'}: ${reissued.reviewers.join(', ')} (omgång ${round}); tidigare länkar gäller inte längre`;
  // Internal: the applicant's status page does not show who reviews.
  await deps.applications.appendHistory(id, { at, actor: staff, event: reviewers ? 'reviewers_changed' : 'review_links_resent', params: { round, reviewers: reissued.reviewers, reason }, internal: true });
  await record(deps, staff, action, id, { details, ...(reason ? { reason } : {}) });
  return done;
}

/** The last instant of a calendar day in Sweden (a deadline "through" that day). */
export function endOfStockholmDay(date: CalendarDate): string {
  const next = addDays(date, 1);
  const midnightUtc = Date.parse(`${next}T00:00:00Z`);
  for (const offsetHours of [1, 2]) {
    const start = midnightUtc - offsetHours * 3_600_000;
    if (stockholmDate(new Date(start)) === next && stockholmDate(new Date(start - 1)) === date) return new Date(start - 1).toISOString();
  }
  throw new Error(`No Stockholm midnight found after ${date}`);
}

/** Gives the applicant until the end of `lastDay` to complete; the link works until then. */
export async function extendCompletion(deps: AdminDeps, staff: string, id: string, lastDay: CalendarDate, reason: string): Promise<ActionOutcome> {
  const application = await deps.applications.get(id);
  if (!application) return refused(404, 'Ansökan finns inte.');
  if (application.status !== 'completion_requested') return refused(409, 'Ansökan väntar inte på någon komplettering.');
  const round = currentRound(application);
  const request = await deps.reviews.getCompletionRequest(id, round);
  if (!request || request.answeredAt || request.closedAt) return refused(409, 'Kompletteringen är redan besvarad eller avslutad.');
  const deadline = endOfStockholmDay(lastDay);
  if (deadline <= request.deadline) return refused(400, 'Välj ett sista datum efter det nuvarande.');
  const at = deps.now().toISOString();
  if (!(await deps.reviews.extendCompletion(id, round, deadline, at))) return refused(409, 'Kompletteringen är redan besvarad eller avslutad.');
  await deps.applications.appendHistory(id, { at, actor: staff, event: 'completion_extended', params: { lastDay, reason } }, { completionDeadline: deadline });
  await deps.mailer.send(completionExtendedEmail(application, deadline, reason));
  await record(deps, staff, 'extend-completion', id, { reason, details: `Nytt sista datum: ${lastDay} (tidigare ${stockholmDate(new Date(request.deadline))})` });
  return done;
}

/**
 * Withdraws an application that is not final: it ends (its organisation may apply again), its links
 * stop working, its workflow is stopped, and the applicant is told why. An application the member
 * has not confirmed is told to the member's registered addresses, never to the typed one.
 */
export async function withdrawApplication(deps: AdminDeps, staff: string, id: string, reason: string): Promise<ActionOutcome> {
  const application = await deps.applications.get(id);
  if (!application) return refused(404, 'Ansökan finns inte.');
  if (!canWithdraw(application.status)) return refused(409, 'Ansökan är redan avslutad och kan inte dras tillbaka.');
  const at = deps.now().toISOString();
  const result = await deps.applications.transition(id, { from: application.status, to: 'withdrawn', actor: staff, at, event: 'withdrawn', params: { reason } });
  if (!result.ok) return refused(409, 'Ansökan ändrades under tiden. Ladda om sidan och försök igen.');
  const round = currentRound(application);
  if (round > 0) {
    await deps.reviews.closeRound(id, round, 'withdrawn', at);
    await deps.reviews.closeCompletion(id, round, at, true);
  }
  // After the transition: the stopped execution's end is then recorded as nothing more (final already).
  await deps.workflow.stop(executionNameOf(application), `Withdrawn by ${staff}`);
  const message = withdrawnEmail(application, reason);
  if (application.status === 'awaiting_confirmation') {
    const member = await deps.members.find(application.organisation.organisationNumber);
    if (member?.emails.length) await deps.mailer.send({ ...message, to: member.emails });
  } else {
    await deps.mailer.send(message);
  }
  await record(deps, staff, 'withdraw', id, { reason, details: `Från status ${application.status}` });
  return done;
}

/** The name of an application's current execution: its id, or `<id>-r<n>` after a restart. */
export function executionNameOf(application: Pick<ApplicationRecord, 'id' | 'executionName'>): string {
  return application.executionName ?? application.id;
}

/**
 * Where a failed application resumes: the status it had when it failed, except that review resumes
 * at a new round (acknowledged → the workflow opens a round and mails the reviewers again).
 */
export function resumeStatusFor(application: ApplicationRecord): ApplicationStatus {
  const failedFrom = [...application.history].reverse().find((h) => h.to === 'failed' && h.from !== 'failed')?.from;
  if (failedFrom === 'awaiting_confirmation' || failedFrom === 'submitted') return failedFrom;
  if (failedFrom === null || failedFrom === undefined) return 'submitted';
  return 'acknowledged';
}

/**
 * Restarts a failed application from its stored state: it claims its organisation's slot again,
 * moves back to where it stood (recorded in history), and a new execution (a name of its own)
 * resumes the workflow from there.
 */
export async function retryApplication(deps: AdminDeps, staff: string, id: string, reason: string | undefined): Promise<ActionOutcome> {
  const application = await deps.applications.get(id);
  if (!application) return refused(404, 'Ansökan finns inte.');
  if (application.status === 'on_hold') return resumeOnHold(deps, staff, application, reason);
  if (application.status !== 'failed') return refused(409, 'Bara en ansökan som har stoppats av ett fel kan startas om.');
  const organisationNumber = application.organisation.organisationNumber;
  const now = deps.now();
  const claim = await deps.applications.claimOpenSlot(organisationNumber, id, now);
  if (!claim.claimed) {
    const holder = await deps.applications.get(claim.holder.applicationId);
    const free = !holder || isFinal(holder.status);
    if (!free || !(await deps.applications.takeOverOpenSlot(organisationNumber, claim.holder, id, now))) {
      return refused(409, `Organisationen har en annan öppen ansökan (${claim.holder.applicationId}). Avsluta den först.`);
    }
  }
  const to = resumeStatusFor(application);
  const restarts = (application.restarts ?? 0) + 1;
  const executionName = `${id}-r${restarts}`;
  const at = now.toISOString();
  const moved = await deps.applications.transition(id, {
    from: 'failed',
    to,
    actor: staff,
    at,
    event: 'restarted',
    params: { reason },
    set: { restarts, executionName },
  });
  if (!moved.ok) return refused(409, 'Ansökan ändrades under tiden. Ladda om sidan och försök igen.');
  try {
    await deps.workflow.startNamed(id, executionName);
  } catch (error) {
    // Nothing runs for it: record it failed again (which frees the slot) rather than leave it hanging.
    await deps.applications.transition(id, { from: to, to: 'failed', actor: 'system', at: deps.now().toISOString(), event: 'restart_failed', params: {} });
    throw error;
  }
  await record(deps, staff, 'retry', id, { ...(reason ? { reason } : {}), details: `Återupptas från ${to} (körning ${executionName})` });
  return done;
}

/**
 * An application on hold (a step gave up, e.g. mail that could not be sent) still holds its slot:
 * a new execution with `resume` takes it off hold and continues where it stopped (the workflow's
 * ResumeApplication step moves it back, recorded in history).
 */
async function resumeOnHold(deps: AdminDeps, staff: string, application: ApplicationRecord, reason: string | undefined): Promise<ActionOutcome> {
  const restarts = (application.restarts ?? 0) + 1;
  const executionName = `${application.id}-r${restarts}`;
  const at = deps.now().toISOString();
  await deps.applications.appendHistory(application.id, { at, actor: staff, event: 'resume_requested', params: { reason } }, { restarts, executionName });
  await deps.workflow.startNamed(application.id, executionName);
  await record(deps, staff, 'retry', application.id, { ...(reason ? { reason } : {}), details: `Återupptas (körning ${executionName})` });
  return done;
}

/**
 * Lets the application be approved without the partner confirmations still missing, with a reason
 * (e.g. the municipality confirmed by letter): see overridePartnerConfirmations.
 */
export async function overridePartners(deps: AdminDeps, staff: string, id: string, reason: string): Promise<ActionOutcome> {
  const application = await deps.applications.get(id);
  if (!application) return refused(404, 'Ansökan finns inte.');
  if (isFinal(application.status)) return refused(409, 'Ansökan är redan avslutad.');
  if (!application.partners?.length) return refused(409, 'Ansökan namnger inga samverkanspartner.');
  const overridden = await overridePartnerConfirmations(deps, application, staff, reason);
  if (overridden.length === 0) return refused(409, 'Alla samverkanspartner har redan bekräftat (eller är redan undantagna).');
  await record(deps, staff, 'override-partners', id, { reason, details: `Utan bekräftelse från: ${overridden.map((p) => partnerPublicName(p)).join(', ')}` });
  return done;
}

/** An internal note: in the history and the audit log, never on the applicant's page. */
export async function addNote(deps: AdminDeps, staff: string, id: string, text: string): Promise<ActionOutcome> {
  const updated = await deps.applications.appendHistory(id, { at: deps.now().toISOString(), actor: staff, event: 'note', params: { text }, internal: true });
  if (!updated) return refused(404, 'Ansökan finns inte.');
  await record(deps, staff, 'note', id, { details: text });
  return done;
}
