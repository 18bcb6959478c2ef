import * as z from '../lib/zod.js';
import { multiLinePattern } from './text-rules.js';

/** What a reviewer can decide, and the rule that a refusal or a completion request needs a reason. */
export const reviewDecisions = ['approve', 'reject', 'request_completion'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const decisionLabels: Record<ReviewDecision, string> = {
  approve: 'Godkänn – certifiera',
  reject: 'Avslå',
  request_completion: 'Begär komplettering',
};

export const decisionPastTense: Record<ReviewDecision, string> = {
  approve: 'godkände ansökan',
  reject: 'avslog ansökan',
  request_completion: 'begärde komplettering',
};

export const maxCommentLength = 4000;

export const decisionFormSchema = z
  .object({
    decision: z.enum(reviewDecisions, { error: 'Välj ett beslut: godkänn, avslå eller begär komplettering.' }),
    comment: z
      .string()
      .trim()
      .max(maxCommentLength, `Kommentaren får vara högst ${maxCommentLength} tecken.`)
      .regex(multiLinePattern, 'Kommentaren får inte innehålla styrtecken (andra än radbrytningar och tabbar).')
      .optional()
      .transform((c) => (c ? c : undefined)),
  })
  .superRefine((value, ctx) => {
    if (value.decision !== 'approve' && !value.comment) {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message:
          value.decision === 'reject'
            ? 'Skriv en motivering till avslaget. Den skickas till den sökande.'
            : 'Skriv vad som ska kompletteras. Texten skickas till den sökande.',
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
}

export interface ReviewRound {
  applicationId: string;
  round: number;
  state: 'open' | 'decided' | 'closed';
  openedAt: string;
  reviewers: string[];
  decision?: RecordedDecision;
  /** The workflow's callback token; never leaves the table except to Step Functions. */
  taskToken?: string;
  closedAt?: string;
  closedReason?: string;
  /** Raised when staff resend the links or change the reviewers: links of an older generation stop working. */
  linkGeneration?: number;
}
