import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { benchReviewDecisions, benchSubmissions, FloorProbe, idleFloor, warmUp, type FloorResult, type ReviewResult, type SubmissionResult } from './http-bench.js';
import { MailWatcher } from './mailbox.js';
import { envInt, latencyLine, ms, round } from './stats.js';
import { benchRenewalSweep, type SweepResult } from './sweep-bench.js';

/**
 * `npm run bench`: speed figures for the local system, printed and written to
 * test-results/bench.json. Nothing here asserts a timing; the run fails (exit 1) only when
 * something did not work: a non-201 submission, a missing email, a failed workflow, a sweep that
 * sent the wrong reminders.
 *
 *   BENCH_LATENCY_SUBMISSIONS (50)   POST /applications with examples/application-full.json and an
 *                             Idempotency-Key, one at a time, against the floor of its unavoidable
 *                             hops (see FloorProbe in http-bench.ts) sampled meanwhile: the
 *                             submission p50 over the floor's p50 (goal, issue 8: ≤ 2×)
 *   BENCH_SUBMISSIONS (200)   the same, BENCH_CONCURRENCY at a time: throughput. The floor is sampled
 *                             here too and the ratio printed for the record; it is not the goal's
 *                             measure, because the whole local system is one Node process that
 *                             these submissions and their workflows saturate, so a request's
 *                             latency there is concurrency ÷ throughput (Little's law), whatever
 *                             its path. The floor alone, before them, also for the record.
 *   BENCH_CONCURRENCY (8)     requests in flight
 *   BENCH_DECISIONS (20)      reviewer approvals, one at a time, timed until the certificate email
 *   BENCH_CERTIFICATES (10000), BENCH_DUE (10)   the renewal sweep's table
 *   BENCH_WARMUP (4)          unmeasured submissions first
 */
type Config = ReturnType<typeof readConfig>;
const readConfig = () => ({
  latencySubmissions: envInt('BENCH_LATENCY_SUBMISSIONS', 50),
  submissions: envInt('BENCH_SUBMISSIONS', 200),
  concurrency: envInt('BENCH_CONCURRENCY', 8),
  decisions: envInt('BENCH_DECISIONS', 20),
  certificates: envInt('BENCH_CERTIFICATES', 10_000),
  due: envInt('BENCH_DUE', 10),
  warmUp: envInt('BENCH_WARMUP', 4),
});
/** Per phase: how long to wait for emails and workflows before calling it a failure. */
const phaseTimeoutMs = 120_000;
/** The whole run; a safety net, the phases are bounded on their own. */
const overallTimeoutMs = 10 * 60_000;
const outputFile = path.join('test-results', 'bench.json');

const log = (line: string) => console.log(line);

/** Issue 8: a submission's p50 at most twice the p50 of its unavoidable hops. */
const MAX_FLOOR_RATIO = 2;

type Floors = { underLoad: FloorResult; idle: FloorResult };
type Latency = { submission: SubmissionResult; floor: FloorResult };

async function httpPhases(config: Config): Promise<{ startMs: number; latency: Latency; floor: Floors; submission: SubmissionResult; review: ReviewResult }> {
  if (config.decisions > config.submissions) throw new Error(`BENCH_DECISIONS (${config.decisions}) exceeds BENCH_SUBMISSIONS (${config.submissions})`);
  const startAt = performance.now();
  // Handler logs at WARN: 200 submissions would otherwise print thousands of JSON lines.
  const system: TestSystem = await startTestSystem({ quiet: true, env: { POWERTOOLS_LOG_LEVEL: 'WARN' } });
  const startMs = performance.now() - startAt;
  try {
    log(`local system up in ${ms(startMs)} (${system.baseUrl})`);
    const mail = new MailWatcher();
    const running = await warmUp(system, mail, config.warmUp, phaseTimeoutMs);

    log(`1. submitting ${config.latencySubmissions} applications one at a time, sampling the floor meanwhile…`);
    const { floorUnderLoad: latencyFloor, ...latencySubmission } = await benchSubmissions(system, mail, {
      submissions: config.latencySubmissions,
      concurrency: 1,
      timeoutMs: phaseTimeoutMs,
      floorProbe: () => new FloorProbe(system, running),
    });
    if (!latencyFloor) throw new Error('No floor samples were taken during the submissions');
    const latency = { submission: latencySubmission, floor: latencyFloor };

    log(`2. the floor alone: ${config.submissions} × (POST /applications answered 415, conditional put, StartExecution), ${config.concurrency} at a time…`);
    const idle = await idleFloor(system, running, { samples: config.submissions, concurrency: config.concurrency });

    log(`2. submitting ${config.submissions} applications, ${config.concurrency} at a time, sampling the floor meanwhile…`);
    const { floorUnderLoad, ...submission } = await benchSubmissions(system, mail, {
      submissions: config.submissions,
      concurrency: config.concurrency,
      timeoutMs: phaseTimeoutMs,
      floorProbe: () => new FloorProbe(system, running),
    });
    if (!floorUnderLoad) throw new Error('No floor samples were taken during the submissions');
    const floor = { underLoad: floorUnderLoad, idle };
    await mail.verifyAgainst(() => system.mails());

    log(`3. approving ${config.decisions} applications, one at a time…`);
    const review = await benchReviewDecisions(system, mail, { applicationIds: submission.applicationIds.slice(0, config.decisions), timeoutMs: phaseTimeoutMs });
    return { startMs: round(startMs), latency, floor, submission, review };
  } finally {
    await system.stop();
  }
}

const floorRatio = (floor: FloorResult, submission: SubmissionResult) => round(submission.latencyMs.p50 / floor.latencyMs.p50, 2);
const floorLine = (f: FloorResult) =>
  `${latencyLine(f.latencyMs)}: HTTP to the function ${ms(f.httpMs.p50)} + conditional put (application-sized) ${ms(f.putMs.p50)} + StartExecution ${ms(f.startExecutionMs.p50)} (p50s)`;

function report(config: Config, figures: { startMs: number; latency: Latency; floor: Floors; submission: SubmissionResult; review: ReviewResult; sweep: SweepResult; totalMs: number }) {
  const { latency: l, floor: f, submission: s, review: r, sweep: w } = figures;
  const ratio = floorRatio(l.floor, l.submission);
  const lines = [
    '',
    `QM local-system benchmark — ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}`,
    `  start-up of the local system: ${ms(figures.startMs)}`,
    '',
    `1. Submission latency, one request at a time (${l.submission.submissions} requests, ${config.warmUp} warm-up first; the workflows of earlier ones run meanwhile)`,
    `   request latency   ${latencyLine(l.submission.latencyMs)}`,
    `   floor             ${floorLine(l.floor)}, sampled one after another during the submissions`,
    `   p50 / floor p50   ${ratio}× (goal ≤ ${MAX_FLOOR_RATIO}×: ${ratio <= MAX_FLOOR_RATIO ? 'met' : 'MISSED'})`,
    `   errors            ${l.submission.errors.length}`,
    '',
    `2. Submission throughput, HTTP → DynamoDB → Step Functions → Lambda → SES (${s.submissions} requests, concurrency ${s.concurrency})`,
    `   throughput        ${s.throughputPerSecond} req/s (${ms(s.wallMs)} for all requests; first half ${s.throughputByHalf[0]}, second half ${s.throughputByHalf[1]} req/s)`,
    `   request latency   ${latencyLine(s.latencyMs)} (saturated: ≈ concurrency ÷ throughput)`,
    `   floor             ${floorLine(f.underLoad)}, sampled one after another during the submissions (p50 / this: ${floorRatio(f.underLoad, s)}×)`,
    `   floor alone       ${floorLine(f.idle)}, concurrency ${config.concurrency}, before the submissions (p50 / this: ${floorRatio(f.idle, s)}×)`,
    `   all ${s.applicationIds.length} acknowledgements in the mailbox after ${ms(s.allAcknowledgementsMs)}`,
    `   per application, request → acknowledgement: ${latencyLine(s.acknowledgementLatencyMs)}`,
    `   all reviewer invitations (workflows waiting for a decision) after ${ms(s.allInvitationsMs)}`,
    `   errors            ${s.errors.length}`,
    '',
    `3. Reviewer decision, POST /review/{token} approve → certificate email (${r.decisions}, one at a time)`,
    `   round trip        ${latencyLine(r.roundTripMs)}`,
    `   POST answer       ${latencyLine(r.postLatencyMs)}`,
    `   errors            ${r.errors.length}`,
    '',
    `4. Renewal sweep, ${w.certificates.toLocaleString('en')} certificates (${w.itemsInTable.toLocaleString('en')} items; seeded in ${ms(w.seedMs)}), ${w.due} due`,
    `   first sweep       ${ms(w.first.wallMs)}: examined ${w.first.examined}, sent ${w.first.sent}, skipped ${w.first.skipped}; ` +
      `readCount ${w.first.readCount} (${w.first.readsPerDueCertificate} per due certificate), ` +
      `+ ${w.first.pointReads} point reads (${w.first.allReadsPerDueCertificate} reads per due certificate in all)`,
    `   second sweep      ${ms(w.second.wallMs)}: examined ${w.second.examined}, sent ${w.second.sent}; readCount ${w.second.readCount}, point reads ${w.second.pointReads}`,
    `   problems          ${w.problems.length}`,
    '',
    `total ${ms(figures.totalMs)}; figures in ${outputFile}`,
  ];
  log(lines.join('\n'));
}

async function main(): Promise<number> {
  const config = readConfig();
  const t0 = performance.now();
  const http = await httpPhases(config);
  log(`4. renewal sweep on ${config.certificates} certificates, ${config.due} due…`);
  const sweep = await benchRenewalSweep({ total: config.certificates, due: config.due });
  const totalMs = round(performance.now() - t0);

  const failures = [
    ...http.latency.submission.errors.map((e) => `submission (one at a time) #${e.index}: ${e.status}`),
    ...http.submission.errors.map((e) => `submission #${e.index}: ${e.status}`),
    ...http.review.errors.map((e) => `decision for ${e.applicationId}: ${e.problem}`),
    ...sweep.problems.map((p) => `sweep: ${p}`),
  ];
  const { applicationIds: _ids, ...submission } = http.submission;
  mkdirSync(path.dirname(outputFile), { recursive: true });
  writeFileSync(
    outputFile,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), totalMemoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: process.platform },
        config,
        startMs: http.startMs,
        latency: { floor: http.latency.floor, submission: { ...http.latency.submission, applicationIds: undefined } },
        submissionToFloorP50: floorRatio(http.latency.floor, http.latency.submission),
        floor: http.floor,
        saturatedSubmissionToFloorP50: floorRatio(http.floor.underLoad, http.submission),
        submission,
        review: http.review,
        sweep,
        totalMs,
        failures,
      },
      null,
      2,
    )}\n`,
  );
  report(config, { ...http, sweep, totalMs });
  if (failures.length > 0) {
    console.error(`\nFAILED (${failures.length}):\n  ${failures.slice(0, 20).join('\n  ')}`);
    return 1;
  }
  return 0;
}

const watchdog = setTimeout(() => {
  console.error(`Benchmark still running after ${overallTimeoutMs / 1000} s; giving up.`);
  process.exit(1);
}, overallTimeoutMs);
watchdog.unref();

main().then(
  (code) => finish(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    finish(1);
  },
);

/** Exit by itself: if something still holds the event loop a few seconds after the end, say so and exit anyway. */
function finish(code: number) {
  process.exitCode = code;
  clearTimeout(watchdog);
  setTimeout(() => {
    console.warn('Open handles kept the process alive 5 s after the benchmark ended; exiting.');
    process.exit(code);
  }, 5_000).unref();
}
