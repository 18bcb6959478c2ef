import * as z from '../lib/zod.js';
import type { Locale } from './locale.js';
import type { ValidationCode } from './validation-error.js';

/** The answer form's rules report codes as their messages; the page words them (templates/validation-messages.ts). */
const code = (value: ValidationCode): ValidationCode => value;

/**
 * The partners of the collaboration (samverkanspartner): who they are in the application, and
 * their confirmation that they take part and stand behind the application and its financing.
 */
export const partnerRoles = ['municipality', 'property_owners', 'business', 'other'] as const;
export type PartnerRole = (typeof partnerRoles)[number];

export const maxPartners = 8;

export const partnerRoleLabels: Record<Locale, Record<PartnerRole, string>> = {
  sv: { municipality: 'Kommunen', property_owners: 'Fastighetsägarna', business: 'Handeln och näringslivet', other: 'Annan part' },
  en: { municipality: 'The municipality', property_owners: 'The property owners', business: 'Trade and business', other: 'Other partner' },
};

export interface Partner {
  role: PartnerRole;
  organisation: string;
  name: string;
  email: string;
}

/** The rule the collaboration must meet: the municipality, and property owners or trade and business. */
export function hasRequiredRoles(partners: readonly Pick<Partner, 'role'>[]): boolean {
  return partners.some((p) => p.role === 'municipality') && partners.some((p) => p.role === 'property_owners' || p.role === 'business');
}

/** What each partner is asked to confirm (the partner's mail and page say this). */
export const partnerConfirmationStatement = 'Vi deltar i samverkan och står bakom ansökan och dess finansieringsavtal';

/**
 * "Kommunen (Exempelstads kommun)"; an organisation already named by its role stands alone
 * ("Fastighetsägarna Exempelstad"). Public: never a person's name.
 */
export function partnerPublicName(partner: Pick<Partner, 'role' | 'organisation'>, locale: Locale = 'sv'): string {
  const role = partnerRoleLabels[locale][partner.role];
  return partner.organisation.toLowerCase().startsWith(role.toLowerCase()) ? partner.organisation : `${role} (${partner.organisation})`;
}

// --- Confirmations -----------------------------------------------------------------------------

export const partnerDecisions = ['confirm', 'decline'] as const;
export type PartnerDecision = (typeof partnerDecisions)[number];

/** One partner's confirmation request: the partner as named, the answer (once) and reminders. */
export interface PartnerConfirmation extends Partner {
  applicationId: string;
  /** The partner's position in the application's list. */
  index: number;
  requestedAt: string;
  /** The workflow's callback token; never leaves the table except to Step Functions. */
  taskToken?: string;
  decision?: PartnerDecision;
  comment?: string;
  decidedAt?: string;
  reminders?: number;
  /** The review ended without this answer: the wait was released, the link no longer takes one. */
  releasedAt?: string;
  /**
   * The QM officer let the application be approved without this partner's confirmation, with a
   * reason (from the workspace, in the audit log). A later confirmation is still recorded.
   */
  overriddenAt?: string;
  overriddenBy?: string;
  overrideReason?: string;
}

/** Whether a partner no longer holds up approval: it confirmed, or the officer overrode its confirmation. */
export function clearedForApproval(confirmation: PartnerConfirmation | undefined): boolean {
  return confirmation?.decision === 'confirm' || confirmation?.overriddenAt !== undefined;
}

export const maxPartnerCommentLength = 2000;

export const partnerAnswerSchema = z
  .object({
    decision: z.enum(partnerDecisions, { error: code('partner_decision_required') }),
    comment: z
      .string({ error: code('partner_comment_not_text') })
      .trim()
      .max(maxPartnerCommentLength, code('partner_comment_too_long'))
      .optional()
      .transform((c) => (c ? c : undefined)),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'decline' && !value.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: code('decline_reason_required') });
    }
  });
export type PartnerAnswer = z.infer<typeof partnerAnswerSchema>;

/** The confirming partners, as the certificate and the public register show them (no personal names). */
export function confirmedPartners(confirmations: readonly PartnerConfirmation[]): { role: PartnerRole; organisation: string }[] {
  return [...confirmations]
    .sort((a, b) => a.index - b.index)
    .filter((c) => c.decision === 'confirm')
    .map(({ role, organisation }) => ({ role, organisation }));
}
