import { beforeAll, describe, expect, it } from 'vitest';
import { LifecycleState } from '../../workflows/application-lifecycle.workflow.js';
import { synthTemplates } from './app-synth.js';

interface AslState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number; BackoffRate?: number; IntervalSeconds?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Next?: string;
  Parameters?: Record<string, unknown>;
  Branches?: { StartAt: string; States: Record<string, AslState> }[];
  ItemProcessor?: { States: Record<string, AslState> };
}

/** Every state by name, including those inside Parallel branches and Map processors. */
function flatten(machine: Record<string, AslState>, into: Record<string, AslState> = {}): Record<string, AslState> {
  for (const [name, state] of Object.entries(machine)) {
    into[name] = state;
    for (const branch of state.Branches ?? []) flatten(branch.States, into);
    if (state.ItemProcessor) flatten(state.ItemProcessor.States, into);
  }
  return into;
}

let states: Record<string, AslState>;
let topLevel: Record<string, AslState>;
let config: ReturnType<typeof synthTemplates>['qm']['config'];

beforeAll(() => {
  const synth = synthTemplates();
  config = synth.qm.config;
  const machine = Object.values(synth.stateless.findResources('AWS::StepFunctions::StateMachine'))[0] as {
    Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } };
  };
  // Tokens (function ARNs, partition) become placeholders; the shape is what we check.
  const json = machine.Properties.DefinitionString['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  topLevel = (JSON.parse(json) as { States: Record<string, AslState> }).States;
  states = flatten(topLevel);
});

const tasks = () => Object.entries(states).filter(([, s]) => s.Type === 'Task');

describe('application lifecycle state machine', () => {
  it('has the lifecycle states, from acknowledgement to decision', () => {
    for (const name of [LifecycleState.Acknowledge, LifecycleState.StartReviewRound, LifecycleState.AwaitReviewDecision, LifecycleState.Certify, LifecycleState.Reject, LifecycleState.AwaitCompletion, LifecycleState.ExpireApplication, LifecycleState.RecordFailure]) {
      expect(states[name]?.Type, name).toBe('Task');
    }
    expect(states[LifecycleState.RouteDecision]?.Type).toBe('Choice');
  });

  it('waits for the reviewer and the applicant with callbacks and real deadlines', () => {
    const review = states[LifecycleState.AwaitReviewDecision]!;
    expect(review.Resource).toContain('lambda:invoke.waitForTaskToken');
    expect(JSON.stringify(review.Parameters)).toContain('$$.Task.Token');
    expect(review.TimeoutSeconds).toBe(config.reviewReminderIntervalDays * 86_400);

    const completion = states[LifecycleState.AwaitCompletion]!;
    expect(completion.Resource).toContain('lambda:invoke.waitForTaskToken');
    expect(completion.TimeoutSeconds).toBe(config.completionDeadlineDays * 86_400);
    expect(completion.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: LifecycleState.ExpireApplication });
  });

  it('turns an unanswered review into reminders, then an escalation', () => {
    expect(states[LifecycleState.AwaitReviewDecision]!.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: LifecycleState.ReviewTimedOut });
    const choice = JSON.stringify(states[LifecycleState.ReviewTimedOut]);
    expect(choice).toContain(`"NumericLessThan":${config.reviewReminderCount}`);
    expect(choice).toContain(LifecycleState.EscalateReview);
    expect(choice).toContain(LifecycleState.CloseOverdueReview);
  });

  it('retries every task with backoff, never retries permanent errors, and records failures', () => {
    for (const [name, state] of tasks()) {
      const retriers = state.Retry ?? [];
      expect(retriers.some((r) => r.ErrorEquals.includes('PermanentError') && r.MaxAttempts === 0), name).toBe(true);
      const transient = retriers.find((r) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(transient?.BackoffRate, name).toBeGreaterThan(1);
      expect(transient?.MaxAttempts, name).toBeGreaterThanOrEqual(3);
      // A callback's timeout must reach its Catch, so nothing retries States.ALL or States.Timeout.
      expect(retriers.some((r) => r.ErrorEquals.includes('States.ALL') || r.ErrorEquals.includes('States.Timeout')), name).toBe(false);
      // A task of the review or the partners' branch fails the Parallel, whose Catch records it.
      const recorder = name in topLevel ? state : topLevel[LifecycleState.ReviewAndPartners]!;
      if (name !== LifecycleState.RecordFailure) {
        expect(recorder.Catch?.some((c) => c.ErrorEquals.includes('States.ALL') && c.Next === LifecycleState.RecordFailure), name).toBe(true);
      }
      expect(state.TimeoutSeconds, `${name} has a timeout`).toBeGreaterThan(0);
    }
  });

  it('passes ids, not applications, to every task', () => {
    for (const [name, state] of tasks()) {
      const payload = (state.Parameters as { Payload?: Record<string, unknown> }).Payload ?? {};
      expect(Object.keys(payload).sort(), name).toEqual(expect.arrayContaining(['applicationId.$']));
      for (const key of Object.keys(payload)) expect(['applicationId.$', 'round.$', 'reminder.$', 'partner.$', 'taskToken.$', 'error.$']).toContain(key);
    }
  });
});

describe('partners confirm beside the review', () => {
  it('runs the review and a Map of partner callbacks in parallel, with reminders and a release', () => {
    const parallel = topLevel[LifecycleState.ReviewAndPartners]!;
    expect(parallel.Type).toBe('Parallel');
    // The review branch opens a new round, or (resuming a completion) waits for that completion again.
    expect(parallel.Branches?.map((b) => b.StartAt)).toEqual([LifecycleState.ReviewEntry, LifecycleState.ListPartners]);
    expect(JSON.stringify(states[LifecycleState.ReviewEntry])).toContain('completion_requested');
    expect((states[LifecycleState.ReviewEntry] as { Default?: string }).Default).toBe(LifecycleState.StartReviewRound);
    expect(topLevel[LifecycleState.Acknowledge]!.Next).toBe(LifecycleState.ReviewAndPartners);
    expect(states[LifecycleState.ConfirmPartners]!.Type).toBe('Map');
    const wait = states[LifecycleState.AwaitPartnerConfirmation]!;
    expect(wait.Resource).toContain('lambda:invoke.waitForTaskToken');
    expect(wait.TimeoutSeconds).toBe(config.partnerReminderIntervalDays * 86_400);
    expect(wait.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: LifecycleState.PartnerTimedOut });
    expect(JSON.stringify(states[LifecycleState.PartnerTimedOut])).toContain(`"NumericLessThan":${config.partnerReminderCount}`);
    expect(states[LifecycleState.Reject]!.Next).toBe(LifecycleState.ReleasePartners);
  });
});

describe('execution-status rule', () => {
  it('sends failed, timed-out and aborted lifecycle executions to a function that records them', () => {
    const synth = synthTemplates();
    const rules = Object.values(synth.stateless.findResources('AWS::Events::Rule')) as { Properties: { EventPattern?: Record<string, unknown>; Targets: unknown[] } }[];
    const rule = rules.find((r) => (r.Properties.EventPattern?.source as string[] | undefined)?.includes('aws.states'));
    expect(rule?.Properties.EventPattern).toMatchObject({
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
    });
    expect(rule?.Properties.Targets).toHaveLength(1);
  });
});
