/** What the staff audit log keeps of every staff action: who, when, what, which item and why. */
export type AuditItemKind = 'application' | 'certificate' | 'member' | 'staff';

/** What a staff member did (the workspace words them: templates/labels.ts). */
export const auditActions = [
  'sign-in',
  'sign-out',
  'resend-review-links',
  'change-reviewers',
  'extend-completion',
  'withdraw',
  'retry',
  'note',
  'override-partners',
  'revoke',
  'correct',
  'member-saved',
  'membership-ended',
  'members-imported',
] as const;

export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  id: string;
  at: string;
  /** The staff member's address. */
  actor: string;
  action: AuditAction;
  itemKind: AuditItemKind;
  itemId: string;
  reason?: string;
  /** What changed, in words (e.g. "Nytt sista datum: 2027-01-31"). */
  details?: string;
}
