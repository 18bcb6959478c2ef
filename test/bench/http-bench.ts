import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { criteriaFor } from '../../functions/domain/criteria-catalogue.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'cdk-local-runner';
import { exampleFor, registerFreshMember } from '../helpers/members.js';
import type { TestSystem } from '../helpers/local-system.js';
import type { MailWatcher } from './mailbox.js';
import { round, runPool, summarize, type LatencySummary } from './stats.js';

/**
 * Submissions and reviewer decisions over real HTTP against the local system. The helpers in
 * test/helpers/application-flow.ts assert with vitest's `expect`, so the few steps needed here
 * are written out without it.
 */
const exampleFull = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as {
  organisation: Record<string, unknown>;
  contact: { email: string };
  partners: unknown[];
};

export const applicantEmail = exampleFull.contact.email;

export interface SubmissionResult {
  submissions: number;
  concurrency: number;
  /** Non-201 answers or failed requests. */
  errors: { index: number; status: number | string }[];
  wallMs: number;
  throughputPerSecond: number;
  latencyMs: LatencySummary;
  /** req/s over the first and the second half of the requests (by completion): a drop means something grows with the data. */
  throughputByHalf: [number, number];
  /** From the start of the run until the last acknowledgement email was captured. */
  allAcknowledgementsMs: number;
  /** Per application: request start → its acknowledgement captured. */
  acknowledgementLatencyMs: LatencySummary;
  /** From the start of the run until every application's reviewer invitation was captured (the workflow is then waiting for a decision). */
  allInvitationsMs: number;
  applicationIds: string[];
}

export interface ReviewResult {
  decisions: number;
  /** POST /review/{token} until its HTTP answer. */
  postLatencyMs: LatencySummary;
  /** POST /review/{token} until the applicant's certificate email was captured. */
  roundTripMs: LatencySummary;
  errors: { applicationId: string; problem: string }[];
}

/**
 * Members for the runs, registered before any timing starts: an organisation has one open
 * application at a time, so each measured submission is for an organisation of its own.
 */
export async function registerMembers(system: TestSystem, names: string[]): Promise<string[]> {
  return Promise.all(names.map(async (name) => (await registerFreshMember(system, { name })).organisationNumber));
}

/** As the form submits: with an idempotency key, so the measured path stores its idempotency record too. */
async function submit(system: TestSystem, name: string, organisationNumber: string): Promise<{ status: number; id?: string }> {
  const body = exampleFor(organisationNumber, name);
  const response = await system.fetchApp('/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) return { status: response.status };
  return { status: response.status, id: (JSON.parse(text) as { id: string }).id };
}

/**
 * A few submissions first, so that module initialisation, JIT and first connections are not
 * measured. Resolves with their application ids; their workflows are then waiting for a decision.
 */
export async function warmUp(system: TestSystem, mail: MailWatcher, count: number, timeoutMs: number): Promise<string[]> {
  const ids: string[] = [];
  const names = Array.from({ length: count }, (_, i) => `Uppvärmningsstad ${i + 1} City`);
  const organisations = await registerMembers(system, names);
  for (let i = 0; i < count; i++) {
    const { status, id } = await submit(system, names[i]!, organisations[i]!);
    if (status !== 201 || !id) throw new Error(`Warm-up submission answered ${status}`);
    ids.push(id);
  }
  // Through the HTTP mailbox once, then check the in-process store is the same mailbox.
  for (const id of ids) await system.waitForMail((m) => m.subject.includes(id) && m.subject.startsWith('Ny ansökan att granska'), timeoutMs);
  await mail.verifyAgainst(() => system.mails());
  mail.poll();
  return ids;
}

export interface FloorResult {
  samples: number;
  /** One sample: GET /health through the gateway, then a conditional PutItem, then a StartExecution. */
  latencyMs: LatencySummary;
  /** The three hops alone, for the record. */
  httpMs: LatencySummary;
  putMs: LatencySummary;
  startExecutionMs: LatencySummary;
}

/**
 * The floor of a submission: the hops it cannot avoid, one after the other, on the same local
 * servers. One HTTP round trip to the submission function: POST /applications through the gateway
 * and the function's invocation, with a content type it refuses at once (415, nothing read or
 * written; the gateway's own GET /health would leave out the invocation, which every request to the
 * API makes in AWS as here). One conditional
 * PutItem of a fresh item as large as an application (a copy of a warm-up application's item, with
 * both index keys, under keys of its own so that no listing shows it), and one StartExecution of
 * the lifecycle. The start names a warm-up application's
 * running execution with its input, which Step Functions answers as a start (idempotent while
 * running) without running a second workflow.
 *
 * Everything of the local system shares one Node process, so a hop's time depends on what else
 * runs: `idleFloor` measures the floor alone (before the submissions, at their concurrency);
 * `FloorProbe` takes samples one after another *while the submissions run*, so the floor and the
 * submissions are measured under the same load (the submissions' own workflows, mail, dynalite).
 */
class FloorSampler {
  private readonly sfn: SFNClient;
  private readonly stateMachineArn: string;
  readonly total: number[] = [];
  readonly http: number[] = [];
  readonly put: number[] = [];
  readonly start: number[] = [];

  constructor(
    private readonly system: TestSystem,
    private readonly runningApplicationIds: string[],
  ) {
    const stateMachineArn = system.env.STATE_MACHINE_ARN;
    if (!stateMachineArn || runningApplicationIds.length === 0) throw new Error('The floor needs the state machine and a running execution');
    this.stateMachineArn = stateMachineArn;
    this.sfn = new SFNClient({ endpoint: system.urls.stepFunctions, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  }

  private application?: Record<string, unknown>;

  /** A stored application's item, the size of what a submission writes. */
  private async applicationItem(): Promise<Record<string, unknown>> {
    if (!this.application) {
      const id = this.runningApplicationIds[0]!;
      const { Item } = await this.system.documentClient.send(new GetCommand({ TableName: this.system.tableName, Key: { pk: `APP#${id}`, sk: 'APP' } }));
      if (!Item) throw new Error(`No stored application ${id}`);
      this.application = Item;
    }
    return this.application;
  }

  async sample(index: number): Promise<void> {
    const applicationId = this.runningApplicationIds[index % this.runningApplicationIds.length]!;
    const application = await this.applicationItem();
    const floorId = randomUUID();
    const t0 = performance.now();
    const response = await this.system.fetchApp('/applications', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    await response.arrayBuffer();
    if (response.status !== 415) throw new Error(`The floor's POST /applications answered ${response.status}, not 415`);
    const t1 = performance.now();
    await this.system.documentClient.send(
      new PutCommand({
        TableName: this.system.tableName,
        Item: { ...application, pk: `BENCHFLOOR#${floorId}`, sk: 'FLOOR', entity: 'BenchFloor', gsi1pk: 'BENCHFLOOR', gsi2pk: 'BENCHFLOOR', id: floorId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    const t2 = performance.now();
    await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: applicationId, input: JSON.stringify({ applicationId }) }));
    const t3 = performance.now();
    this.total.push(t3 - t0);
    this.http.push(t1 - t0);
    this.put.push(t2 - t1);
    this.start.push(t3 - t2);
  }

  result(): FloorResult {
    return { samples: this.total.length, latencyMs: summarize(this.total), httpMs: summarize(this.http), putMs: summarize(this.put), startExecutionMs: summarize(this.start) };
  }

  destroy(): void {
    this.sfn.destroy();
  }
}

/** The floor alone: `samples` chains, `concurrency` at a time, nothing else running. */
export async function idleFloor(system: TestSystem, runningApplicationIds: string[], { samples, concurrency }: { samples: number; concurrency: number }): Promise<FloorResult> {
  const sampler = new FloorSampler(system, runningApplicationIds);
  try {
    await runPool(samples, concurrency, (index) => sampler.sample(index));
    return sampler.result();
  } finally {
    sampler.destroy();
  }
}

/** Floor chains one after another until stopped: started with the submissions, stopped when their last answer is in. */
export class FloorProbe {
  private readonly sampler: FloorSampler;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(system: TestSystem, runningApplicationIds: string[]) {
    const sampler = new FloorSampler(system, runningApplicationIds);
    this.sampler = sampler;
    this.loop = (async () => {
      for (let i = 0; this.running; i++) await sampler.sample(i);
    })();
  }

  async stop(): Promise<FloorResult> {
    this.running = false;
    try {
      await this.loop;
      return this.sampler.result();
    } finally {
      this.sampler.destroy();
    }
  }
}

export async function benchSubmissions(
  system: TestSystem,
  mail: MailWatcher,
  { submissions, concurrency, timeoutMs, floorProbe }: { submissions: number; concurrency: number; timeoutMs: number; floorProbe?: () => FloorProbe },
): Promise<SubmissionResult & { floorUnderLoad?: FloorResult }> {
  const startedAt = new Map<string, number>();
  const latencies: number[] = [];
  const completions: number[] = [];
  const errors: SubmissionResult['errors'] = [];
  const ids: string[] = [];
  const names = Array.from({ length: submissions }, (_, i) => `Mätstad ${i + 1} City`);
  const organisations = await registerMembers(system, names);

  const t0 = performance.now();
  let httpDone = false;
  // The watcher runs alongside the requests, so each email's capture time is close to the truth.
  const watching = (async () => {
    const deadline = t0 + timeoutMs;
    while (!httpDone && performance.now() < deadline) {
      mail.poll();
      await new Promise((r) => setTimeout(r, 2));
    }
  })();

  const probe = floorProbe?.();
  await runPool(submissions, concurrency, async (index) => {
    const start = performance.now();
    try {
      const { status, id } = await submit(system, names[index]!, organisations[index]!);
      latencies.push(performance.now() - start);
      completions.push(performance.now() - t0);
      if (status !== 201 || !id) errors.push({ index, status });
      else {
        startedAt.set(id, start);
        ids.push(id);
      }
    } catch (error) {
      errors.push({ index, status: error instanceof Error ? error.message : String(error) });
    }
  });
  const wallMs = performance.now() - t0;
  const floorUnderLoad = await probe?.stop();
  httpDone = true;
  await watching;

  const pending = (kind: 'acknowledgement' | 'invitation') => {
    const got = new Set(mail.all().filter((m) => m.kind === kind && m.applicationId && startedAt.has(m.applicationId)).map((m) => m.applicationId));
    return ids.length - got.size;
  };
  const remaining = Math.max(1, timeoutMs - (performance.now() - t0));
  await mail.until(() => pending('acknowledgement') === 0, `${ids.length} acknowledgement emails`, remaining);
  await mail.until(() => pending('invitation') === 0, `${ids.length} reviewer invitations`, Math.max(1, timeoutMs - (performance.now() - t0)));

  const firstSeen = (kind: 'acknowledgement' | 'invitation') => {
    const at = new Map<string, number>();
    for (const m of mail.all()) if (m.kind === kind && m.applicationId && startedAt.has(m.applicationId) && !at.has(m.applicationId)) at.set(m.applicationId, m.seenAt);
    return at;
  };
  const half = Math.floor(completions.length / 2);
  const midMs = completions[half - 1] ?? 0;
  const endMs = completions.at(-1) ?? 0;
  const throughputByHalf: [number, number] = [round((half / midMs) * 1000), round(((completions.length - half) / (endMs - midMs)) * 1000)];
  const acks = firstSeen('acknowledgement');
  const invitations = firstSeen('invitation');
  return {
    submissions,
    concurrency,
    errors,
    wallMs: round(wallMs),
    throughputPerSecond: round((submissions / wallMs) * 1000),
    latencyMs: summarize(latencies),
    throughputByHalf,
    allAcknowledgementsMs: round(Math.max(...acks.values()) - t0),
    acknowledgementLatencyMs: summarize([...acks].map(([id, at]) => at - startedAt.get(id)!)),
    allInvitationsMs: round(Math.max(...invitations.values()) - t0),
    applicationIds: ids,
    ...(floorUnderLoad ? { floorUnderLoad } : {}),
  };
}

/** The reviewer's link from the invitation email (as test/helpers/application-flow.ts `linkIn` finds it). */
function reviewPath(html: string | undefined, text: string | undefined): string {
  const match = /https?:\/\/[^\s"<>]+\/review\/[A-Za-z0-9_-]{43}/.exec(`${text ?? ''}\n${html ?? ''}`);
  if (!match) throw new Error('No review link in the invitation');
  return new URL(match[0]).pathname;
}

/** The partners confirm from their mails first (not measured): approving needs every partner's confirmation. */
async function confirmPartners(system: TestSystem, mail: MailWatcher, applicationId: string, timeoutMs: number): Promise<string | undefined> {
  const partnerMails = () => mail.all().filter((m) => m.kind === 'partner' && m.applicationId === applicationId);
  await mail.until(() => partnerMails().length >= exampleFull.partners.length, `the partner emails for ${applicationId}`, timeoutMs);
  for (const { email } of partnerMails()) {
    const match = /https?:\/\/[^\s"<>]+\/partner\/[A-Za-z0-9_-]{43}/.exec(`${email.body.text ?? ''}\n${email.body.html ?? ''}`);
    if (!match) return 'no partner link';
    const response = await system.fetchApp(new URL(match[0]).pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=confirm' });
    await response.arrayBuffer();
    if (response.status !== 200) return `POST /partner answered ${response.status}`;
  }
  return undefined;
}

/** Every criterion assessed as met, as the reviewer's form sends it. */
const everyCriterionMet = Object.fromEntries(criteriaFor('full').map((c) => [`criterion.${c.id}`, 'met']));

/** One decision at a time: approve, then wait for the applicant's certificate email. */
export async function benchReviewDecisions(
  system: TestSystem,
  mail: MailWatcher,
  { applicationIds, timeoutMs }: { applicationIds: string[]; timeoutMs: number },
): Promise<ReviewResult> {
  const posts: number[] = [];
  const roundTrips: number[] = [];
  const errors: ReviewResult['errors'] = [];
  for (const applicationId of applicationIds) {
    const invitation = mail.find('invitation', applicationId);
    if (!invitation) {
      errors.push({ applicationId, problem: 'no invitation email' });
      continue;
    }
    const path = reviewPath(invitation.email.body.html, invitation.email.body.text);
    const partnerProblem = await confirmPartners(system, mail, applicationId, timeoutMs).catch((error: unknown) => String(error));
    if (partnerProblem) {
      errors.push({ applicationId, problem: partnerProblem });
      continue;
    }
    // Watch from before the POST, so an email captured while the answer is on its way counts then.
    const stop = new AbortController();
    const start = performance.now();
    const certificate = mail.waitFor('certificate', applicationId, timeoutMs, stop.signal).then(
      (m) => m,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    try {
      const response = await system.fetchApp(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ decision: 'approve', ...everyCriterionMet }).toString(),
      });
      await response.arrayBuffer();
      posts.push(performance.now() - start);
      if (response.status !== 200) errors.push({ applicationId, problem: `POST /review answered ${response.status}` });
    } catch (error) {
      errors.push({ applicationId, problem: `POST /review failed: ${String(error)}` });
    }
    if (errors.some((e) => e.applicationId === applicationId)) stop.abort();
    const seen = await certificate;
    if (seen instanceof Error) {
      if (!stop.signal.aborted) errors.push({ applicationId, problem: seen.message });
      continue;
    }
    roundTrips.push(seen.seenAt - start);
    if (!seen.email.destination.to.includes(applicantEmail)) errors.push({ applicationId, problem: 'certificate email not to the applicant' });
  }
  // Every approved workflow should also finish cleanly.
  for (const applicationId of applicationIds) {
    if (errors.some((e) => e.applicationId === applicationId)) continue;
    const execution = await system.waitForExecution(applicationId, undefined, timeoutMs);
    if (execution.status !== 'SUCCEEDED') errors.push({ applicationId, problem: `execution ended ${execution.status}` });
  }
  return { decisions: applicationIds.length, postLatencyMs: summarize(posts), roundTripMs: summarize(roundTrips), errors };
}
