/** What the staff audit log keeps of every staff action: who, when, what, which item and why. */
export type AuditItemKind = 'application' | 'certificate' | 'member' | 'staff';

export const auditActions = {
  'sign-in': 'Loggade in',
  'sign-out': 'Loggade ut',
  'resend-review-links': 'Skickade nya granskningslänkar',
  'change-reviewers': 'Bytte granskare',
  'extend-completion': 'Förlängde tiden för komplettering',
  withdraw: 'Drog tillbaka ansökan',
  retry: 'Startade om ansökan',
  note: 'Intern anteckning',
  'override-partners': 'Godkände utan samverkanspartnernas bekräftelse',
  revoke: 'Återkallade certifikatet',
  correct: 'Rättade certifikatet',
  'member-saved': 'Sparade medlem',
  'membership-ended': 'Avslutade medlemskap',
  'members-imported': 'Importerade medlemsregister',
} as const;

export type AuditAction = keyof typeof auditActions;

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
