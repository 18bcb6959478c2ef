export interface DeliverabilityEvent {
  address: string;
  /** permanent bounce or complaint: do not mail again; transient: recorded only. */
  state: 'undeliverable' | 'transient_bounce';
  reason: string;
  at: string;
  messageId: string;
  applicationId?: string;
}
