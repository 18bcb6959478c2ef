import { applicationStatuses, isFinal } from '../domain/application-status.js';
import { AppMetric, MetricUnit, metrics } from '../lambda/metrics.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

/** Statuses a workflow step can stop in; `on_hold` remembers which one in `heldFrom`. */
const holdable = applicationStatuses.filter((s) => !isFinal(s) && s !== 'failed' && s !== 'on_hold');

/**
 * A step gave up after its retries (most often: mail that could not be sent). The application is
 * put on hold, not ended: the status it stopped in is kept, any open review round stays open
 * (reviewer links keep working), and the operator is alerted through SNS, a channel that does not
 * depend on SES. Resuming it (resume-application.use-case.ts) continues from where it stopped.
 * Recording twice (the workflow's own Catch, then the execution-end rule) changes nothing.
 */
export async function recordFailure(
  deps: Pick<LifecycleDeps, 'applications' | 'now' | 'alerts'>,
  input: { applicationId: string; error?: { Error?: string; Cause?: string } },
): Promise<{ status: string }> {
  const at = deps.now().toISOString();
  const application = await deps.applications.get(input.applicationId);
  const what = input.error?.Error ?? 'okänt fel';
  if (application && (holdable as readonly string[]).includes(application.status)) {
    const held = await deps.applications.transition(input.applicationId, {
      from: holdable,
      to: 'on_hold',
      actor: 'system',
      at,
      event: 'put_on_hold',
      params: { error: input.error?.Error },
      set: { heldFrom: application.status },
    });
    if (held.ok) {
      metrics.addMetric(AppMetric.ApplicationsOnHold, MetricUnit.Count, 1);
      await alert(deps, input, `Ansökan ${input.applicationId} är vilande efter ett tekniskt fel (${what}).`);
      return { status: 'on_hold' };
    }
    // Someone else moved it meanwhile: report what it is now.
    return { status: held.current?.status ?? 'unknown' };
  }
  if (!application) await alert(deps, input, `Ett arbetsflöde för ${input.applicationId} stoppades, men ansökan finns inte.`);
  return { status: application?.status ?? 'unknown' };
}

async function alert(deps: Pick<LifecycleDeps, 'alerts'>, input: { applicationId: string; error?: { Error?: string; Cause?: string } }, summary: string) {
  if (!deps.alerts) throw new Error('No alert channel configured');
  const message = [
    summary,
    input.error?.Error ? `Fel: ${input.error.Error}` : 'Inget tekniskt fel angavs.',
    ...(input.error?.Cause ? [`Orsak: ${input.error.Cause.slice(0, 2000)}`] : []),
    '',
    'Åtgärda orsaken och återuppta ansökan (README: "Restarting an application"):',
    `  npm run applications -- resume ${input.applicationId}`,
  ].join('\n');
  await deps.alerts.alert(`[QM larm] Ansökan vilande: ${input.applicationId}`, message);
}
