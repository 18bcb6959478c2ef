import { daysBetween, type CalendarDate } from '../domain/calendar-date.js';
import type { EmailMessage, Mailer } from '../domain/email-message.js';
import { nextPendingStage, planRenewal, renewalStages, type RenewalPlan, type RenewalStageRecord } from '../domain/renewal-stages.js';
import { revisionWindowEnd } from '../domain/revision-eligibility.js';
import { absoluteUrl, paths } from '../http/paths.js';
import { hashToken, newSecretToken } from '../domain/secret-token.js';
import { lapseNoticeEmail, renewalReminderEmail } from '../templates/renewal-reminder.template.js';
import type { CertificateStore, RenewalStore } from './ports.js';
import type { StoredCertificate } from '../domain/certificate.js';

export interface RenewalSweepDeps {
  renewals: Pick<RenewalStore, 'due' | 'settle' | 'complete' | 'release' | 'reindex' | 'putRevisionLink'>;
  certificates: Pick<CertificateStore, 'latestForOrganisation'>;
  mailer: Mailer;
  publicBaseUrl: string;
  /** Days before validUntil of the reminder stages (RENEWAL_REMINDER_DAYS). */
  reminderDays: readonly number[];
  /** Months after lapse during which a revision is accepted (REVISION_GRACE_MONTHS). */
  revisionGraceMonths: number;
  now: () => Date;
  /** How long a 'sending' claim holds before another sweep may take it over. */
  leaseMs?: number;
}

export interface SweepEntry {
  certificateId: string;
  organisationName: string;
  stage: string;
}

export interface RenewalSweepReport {
  today: CalendarDate;
  /** Certificates the index returned as due. */
  examined: number;
  sent: SweepEntry[];
  skipped: (SweepEntry & { reason: NonNullable<RenewalStageRecord['reason']> })[];
  /** Certificates whose lapse stage this sweep settled (now marked expired). */
  expired: string[];
  /** Sends that failed; their claims were given back, so the next sweep tries again. */
  failed: (SweepEntry & { error: string })[];
  /** Certificates another sweep was handling at the same time. */
  busy: string[];
  /** Certificates with nothing due after all (the configured stages changed): the index moved on. */
  reindexed: string[];
  /** Items the index queries read (their ScannedCount): proportional to what is due. */
  readCount: number;
  /** Single-item reads besides the queries (one per due certificate: the organisation's latest certificate). */
  pointReads: number;
}

/**
 * Longer than the sweep function's timeout (300 s), so a live sender never loses its claim; short
 * enough that a claim left by a crash is taken over by the next daily sweep.
 */
export const renewalClaimLeaseMs = 15 * 60_000;

/**
 * The daily renewal sweep as of `today`. For each certificate the index finds due: the latest due
 * stage is sent and earlier due ones are recorded as skipped (after downtime, say); a certificate
 * already renewed by a later one gets no mail, its stages are skipped. The lapse stage marks the
 * certificate expired and takes it off the index.
 *
 * Each stage goes out at most once: it is claimed with a conditional write before sending, so
 * overlapping sweeps send it once. Trade-off of the claim: if the process dies between the claim and
 * the send, the claim lapses after `leaseMs` and the next sweep sends the stage (nothing is lost);
 * if it dies after the send but before recording it, the next sweep sends it again (a rare duplicate
 * rather than a lost reminder). A failed send gives the claim back at once.
 */
export async function runRenewalSweep(deps: RenewalSweepDeps, { today }: { today: CalendarDate }): Promise<RenewalSweepReport> {
  const leaseMs = deps.leaseMs ?? renewalClaimLeaseMs;
  const { certificates, scannedCount } = await deps.renewals.due(today);
  const report: RenewalSweepReport = {
    today,
    examined: certificates.length,
    sent: [],
    skipped: [],
    expired: [],
    failed: [],
    busy: [],
    reindexed: [],
    readCount: scannedCount,
    pointReads: 0,
  };

  for (const certificate of certificates) {
    const now = deps.now();
    const isAbandoned = (record: RenewalStageRecord) => record.state === 'sending' && Date.parse(record.at) < now.getTime() - leaseMs;
    const stages = renewalStages(certificate.validUntil, deps.reminderDays);
    const done = certificate.renewal ?? {};
    const plan = planRenewal(stages, done, today, isAbandoned);
    if (!plan) {
      if (Object.values(done).some((r) => r.state === 'sending')) {
        // Another sweep is sending a stage right now; it moves the index when done.
        report.busy.push(certificate.certificateId);
      } else {
        // Indexed for a stage that is no longer configured: point the index at the next one.
        await deps.renewals.reindex(certificate.certificateId, nextPendingStage(stages, done)?.dueDate);
        report.reindexed.push(certificate.certificateId);
      }
      continue;
    }
    const entry = (stage: string): SweepEntry => ({
      certificateId: certificate.certificateId,
      organisationName: certificate.organisationName,
      stage,
    });
    const isLapse = plan.stage.kind === 'lapse';
    const settled = {
      certificateId: certificate.certificateId,
      stage: plan.stage.id,
      skip: plan.skip.map((s) => s.id),
      markExpired: isLapse,
      now,
      leaseMs,
    };
    const recordSkips = () => report.skipped.push(...plan.skip.map((s) => ({ ...entry(s.id), reason: 'later-stage-due' as const })));

    report.pointReads += 1;
    if (await isRenewed(deps, certificate)) {
      const at = await deps.renewals.settle({ ...settled, as: 'skipped', reason: 'renewed', nextDueDate: plan.next?.dueDate });
      if (!at) {
        report.busy.push(certificate.certificateId);
        continue;
      }
      recordSkips();
      report.skipped.push({ ...entry(plan.stage.id), reason: 'renewed' });
      if (isLapse) report.expired.push(certificate.certificateId);
      continue;
    }

    const claimedAt = await deps.renewals.settle({ ...settled, as: 'sending' });
    if (!claimedAt) {
      report.busy.push(certificate.certificateId);
      continue;
    }
    recordSkips();
    if (isLapse) report.expired.push(certificate.certificateId);

    try {
      await deps.mailer.send(await messageFor(deps, certificate, plan, today));
    } catch (error) {
      await deps.renewals.release(certificate.certificateId, plan.stage.id, claimedAt);
      report.failed.push({ ...entry(plan.stage.id), error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    // False only if this sweep outlived its lease and another took the stage over: nothing to undo.
    await deps.renewals.complete(certificate.certificateId, plan.stage.id, claimedAt, plan.next?.dueDate, deps.now());
    report.sent.push(entry(plan.stage.id));
  }
  return report;
}

/** The next renewal stage due after `today`, across all certificates: what the sweep will do next, and when. */
export interface NextRenewalStage {
  certificateId: string;
  stage: string;
  dueDate: CalendarDate;
}

export async function nextRenewalStage(
  deps: Pick<RenewalSweepDeps, 'reminderDays'> & { renewals: Pick<RenewalStore, 'nextDueAfter'> },
  today: CalendarDate,
): Promise<NextRenewalStage | undefined> {
  const certificate = await deps.renewals.nextDueAfter(today);
  if (!certificate) return undefined;
  const stage = nextPendingStage(renewalStages(certificate.validUntil, deps.reminderDays), certificate.renewal ?? {});
  return stage ? { certificateId: certificate.certificateId, stage: stage.id, dueDate: stage.dueDate } : undefined;
}

/** The organisation already holds a later certificate (an early revision was approved, or a restart superseded this one). */
async function isRenewed(deps: RenewalSweepDeps, certificate: StoredCertificate): Promise<boolean> {
  if (certificate.supersededBy) return true;
  const latest = await deps.certificates.latestForOrganisation(certificate.organisationNumber);
  return !!latest && latest.latestCertificateId !== certificate.certificateId && latest.latestValidUntil > certificate.validUntil;
}

/** The reminder or lapse notice, with a fresh private revision link while a revision is still open. */
async function messageFor(deps: RenewalSweepDeps, certificate: StoredCertificate, plan: RenewalPlan, today: CalendarDate): Promise<EmailMessage> {
  const windowEnd = revisionWindowEnd(certificate.validUntil, deps.revisionGraceMonths);
  // The forms in the language of the mail (the approved application's).
  const fullApplicationUrl = absoluteUrl(deps.publicBaseUrl, paths.applyIn(certificate.locale));
  let revisionUrl: string | undefined;
  if (today <= windowEnd) {
    const token = newSecretToken();
    await deps.renewals.putRevisionLink(hashToken(token), {
      organisationNumber: certificate.organisationNumber,
      certificateId: certificate.certificateId,
      applicationId: certificate.applicationId,
      expiresOn: windowEnd,
      createdAt: deps.now().toISOString(),
    });
    revisionUrl = absoluteUrl(deps.publicBaseUrl, paths.revision(token, certificate.locale));
  }
  if (plan.stage.kind === 'lapse') {
    return lapseNoticeEmail(certificate, {
      windowEnd,
      fullApplicationUrl,
      ...(revisionUrl ? { revisionUrl } : {}),
    });
  }
  return renewalReminderEmail(certificate, {
    daysLeft: daysBetween(today, certificate.validUntil),
    revisionUrl: revisionUrl ?? fullApplicationUrl,
    windowEnd,
  });
}
