/**
 * The lifecycle of an application and the transitions allowed between its statuses.
 * submitted → acknowledged → in_review → (completion_requested → in_review)* → certified | rejected,
 * with expired (completion deadline passed) and failed (a workflow step gave up) as other ends.
 */
export const applicationStatuses = [
  'submitted',
  'acknowledged',
  'in_review',
  'completion_requested',
  'certified',
  'rejected',
  'expired',
  'failed',
] as const;

export type ApplicationStatus = (typeof applicationStatuses)[number];

const allowedTransitions: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['acknowledged', 'failed'],
  acknowledged: ['in_review', 'failed'],
  in_review: ['certified', 'rejected', 'completion_requested', 'failed'],
  completion_requested: ['in_review', 'expired', 'failed'],
  certified: [],
  rejected: [],
  expired: [],
  failed: [],
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return allowedTransitions[from].includes(to);
}

export function isFinal(status: ApplicationStatus): boolean {
  return allowedTransitions[status].length === 0;
}

/** What applicants read: the words of the programme. */
export const statusLabels: Record<ApplicationStatus, { sv: string; en: string }> = {
  submitted: { sv: 'Ansökan mottagen', en: 'Application received' },
  acknowledged: { sv: 'Mottagen, väntar på granskning', en: 'Received, awaiting review' },
  in_review: { sv: 'Under granskning', en: 'In review' },
  completion_requested: { sv: 'Komplettering begärd', en: 'Completion requested' },
  certified: { sv: 'Godkänd – certifierad', en: 'Approved – certified' },
  rejected: { sv: 'Avslag', en: 'Rejected' },
  expired: { sv: 'Avslutad – kompletteringen kom inte in i tid', en: 'Closed – completion not received in time' },
  failed: { sv: 'Tekniskt fel – vi har larmats och återkommer', en: 'Technical error – we have been alerted' },
};
