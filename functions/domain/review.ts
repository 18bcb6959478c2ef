import * as z from '../lib/zod.js';
import type { ApplicationRecord } from './application-record.js';
import type { AssessedCriterion, Assessment } from './assessment.js';
import { multiLinePattern } from './text-rules.js';
import type { ValidationCode } from './validation-error.js';

/** The forms' rules report codes as their messages; the page words them (templates/validation-messages.ts). */
const code = (value: ValidationCode): ValidationCode => value;

/** What a reviewer can decide, and the rule that a refusal or a completion request needs a reason. */
export const reviewDecisions = ['approve', 'reject', 'request_completion'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const maxCommentLength = 4000;

/** What the review form can send: a decision, or `save` (keep the assessment, decide later). */
export const reviewActions = [...reviewDecisions, 'save'] as const;

export const decisionFormSchema = z
  .object({
    decision: z.enum(reviewActions, { error: code('review_decision_required') }),
    comment: z
      .string()
      .trim()
      .max(maxCommentLength, code('review_comment_too_long'))
      .regex(multiLinePattern, code('review_comment_invalid'))
      .optional()
      .transform((c) => (c ? c : undefined)),
  })
  .superRefine((value, ctx) => {
    if ((value.decision === 'reject' || value.decision === 'request_completion') && !value.comment) {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: code(value.decision === 'reject' ? 'rejection_reason_required' : 'completion_reason_required'),
      });
    }
  });

export type DecisionForm = z.infer<typeof decisionFormSchema>;

/** A decision as recorded on its review round: exactly one per round. */
export interface RecordedDecision {
  decision: ReviewDecision;
  comment?: string;
  decidedBy: string;
  decidedAt: string;
  /** The reviewer's assessment of each criterion when deciding. */
  assessment?: Assessment;
}

/** What the workflow is told of a decision: no free text, no assessment (those stay in the table). */
export function decisionOutput(decision: RecordedDecision, round: number) {
  return { decision: decision.decision, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt, round };
}

export interface ReviewRound {
  applicationId: string;
  round: number;
  state: 'open' | 'decided' | 'closed';
  openedAt: string;
  reviewers: string[];
  decision?: RecordedDecision;
  /** An assessment saved without a decision (`decision=save`), shown again on the next visit. */
  assessment?: Assessment;
  assessmentSavedBy?: string;
  assessmentSavedAt?: string;
  /** The workflow's callback token; never leaves the table except to Step Functions. */
  taskToken?: string;
  closedAt?: string;
  closedReason?: string;
  /** Raised when staff resend the links or change the reviewers: links of an older generation stop working. */
  linkGeneration?: number;
}

export interface ReviewLink {
  tokenHash: string;
  applicationId: string;
  round: number;
  reviewer: string;
  /** The round's link generation when the link was made (absent: the first). */
  generation?: number;
}

export interface CompletionRequest {
  applicationId: string;
  round: number;
  requestedAt: string;
  comment: string;
  /** The criteria the completion is about (partly or not met), with the reviewer's comments. */
  criteria?: AssessedCriterion[];
  deadline: string;
  taskToken?: string;
  answeredAt?: string;
  closedAt?: string;
  /** When staff last moved the deadline (the workflow's timer then waits again). */
  extendedAt?: string;
  /** What the application said before the completion (kept so the reviewer sees what changed). */
  previousContent?: Pick<ApplicationRecord, 'organisation' | 'contact' | 'answers'>;
  /** What the applicant sent, kept with the answer so it is applied even if a step dies midway. */
  submittedContent?: Pick<ApplicationRecord, 'organisation' | 'contact' | 'answers'>;
}

export interface CompletionLink {
  tokenHash: string;
  applicationId: string;
  round: number;
}
