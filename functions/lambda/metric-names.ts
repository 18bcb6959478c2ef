/** Metric names (Powertools Metrics, EMF); infra/monitoring.ts alarms and graphs them by the same names. */
export const AppMetric = {
  ApplicationsSubmitted: 'ApplicationsSubmitted',
  Decisions: 'Decisions',
  RenewalRemindersSent: 'RenewalRemindersSent',
  MailFailures: 'MailFailures',
  ApplicationsOnHold: 'ApplicationsOnHold',
  UndeliverableAddresses: 'UndeliverableAddresses',
} as const;
