import * as z from '../lib/zod.js';
import type { ValidationCode } from './validation-error.js';

/**
 * The member's answer to "may this person apply for us?", asked of the member's registered
 * addresses when an application comes from an address the member has not registered.
 */
export const memberConfirmationDecisions = ['confirm', 'decline'] as const;
export type MemberConfirmationDecision = (typeof memberConfirmationDecisions)[number];

export interface MemberConfirmation {
  applicationId: string;
  requestedAt: string;
  /** When the application closes unconfirmed. */
  deadline: string;
  /** The member's registered addresses the request went to. */
  sentTo: string[];
  /** The workflow's callback token; never leaves the table except to Step Functions. */
  taskToken?: string;
  decision?: MemberConfirmationDecision;
  decidedBy?: string;
  decidedAt?: string;
  closedAt?: string;
}

/** The confirmation form's body; anything else (missing, unknown, not a string) is a 400. */
export const memberConfirmationFormSchema = z.object({
  decision: z.enum(memberConfirmationDecisions, { error: 'member_decision_required' satisfies ValidationCode }),
});

/** What the workflow routes on after the confirmation step: an answer, or the deadline passing. */
export type ConfirmationOutcome = MemberConfirmationDecision | 'timeout';
