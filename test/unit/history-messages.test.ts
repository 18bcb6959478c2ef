import { describe, expect, it } from 'vitest';
import type { ApplicationRecord, StoredHistoryEntry } from '../../functions/domain/application-record.js';
import type { HistoryEvent, HistoryEventParams, HistoryRecord } from '../../functions/domain/history-event.js';
import { historyMessages, historyText } from '../../functions/templates/history-messages.js';
import { renderStatusPage } from '../../functions/templates/status-page.template.js';
import { renderApplicationAdmin } from '../../functions/templates/admin-pages.template.js';

/** Data for every kind of entry (TypeScript requires one per event): names and typed text without å, ä or ö. */
const examples: { [E in HistoryEvent]: HistoryEventParams[E] } = {
  submitted: {},
  member_confirmed: {},
  member_declined: {},
  member_confirmation_expired: { days: 14 },
  acknowledged: {},
  review_started: {},
  completion_received: {},
  review_overdue: {},
  certified: { certificateId: 'QM-2026-0001' },
  rejected: { comment: 'Budget missing.' },
  completion_requested: { comment: 'Add the budget.' },
  completion_expired: { days: 60 },
  put_on_hold: {},
  resumed: {},
  withdrawn: { reason: 'Asked by the member' },
  restarted: { reason: 'SES works again' },
  restart_failed: {},
  resume_requested: {},
  review_links_resent: { round: 1, reviewers: ['granskare@stadskarnor.example'] },
  reviewers_changed: { round: 2, reviewers: ['a@stadskarnor.example', 'b@stadskarnor.example'], reason: 'Leave' },
  completion_extended: { lastDay: '2027-01-31', reason: 'Board meeting' },
  note: { text: 'Called the manager' },
  certificate_revoked: { certificateId: 'QM-2026-0001', from: '2027-03-01', reason: 'Membership ended' },
  certificate_corrected: { certificateId: 'QM-2026-0001', before: { organisationName: 'Exempelstad City', town: 'Exempelstad' }, after: { organisationName: 'Exempelstad Centre', town: 'Exempelstad' }, reason: 'Name changed' },
  mail_undeliverable: { recipient: 'reviewer', kind: 'bounce', bounceType: 'Permanent' },
  assessment: { round: 2, saved: false, criteria: [{ id: 'keyActors', value: 'met' }, { id: 'followUp', value: 'partly', comment: 'Survey?' }] },
  partner_confirmed: { partner: { role: 'municipality', organisation: 'Exempelstad Municipality' } },
  partner_declined: { partner: { role: 'business', organisation: 'Traders' }, comment: 'No agreement.' },
  partner_reminded: { partner: { role: 'property_owners', organisation: 'Owners' }, reminder: 2 },
  partner_overridden: { partner: { role: 'other', organisation: 'Library' }, reason: 'Confirmed by letter' },
};

const entry = (record: HistoryRecord, overrides: Partial<StoredHistoryEntry> = {}): StoredHistoryEntry =>
  ({ at: '2026-11-26T08:00:00Z', actor: 'system', from: 'in_review', to: 'in_review', ...record, ...overrides }) as StoredHistoryEntry;

const application = (history: StoredHistoryEntry[], locale: 'sv' | 'en'): ApplicationRecord => ({
  id: 'A-20261125-7KQ3ZP',
  applicationType: 'full',
  status: 'in_review',
  organisation: { organisationNumber: '802999-1000', name: 'Exempelstad City', town: 'Exempelstad', municipality: 'Exempelstads kommun' },
  contact: { name: 'Kim Exempelsson', role: 'Centrumchef', email: 'kim@exempelstad.example' },
  answers: {},
  locale,
  submittedAt: '2026-11-25T13:05:00Z',
  updatedAt: '2026-11-26T08:00:00Z',
  version: 3,
  history,
});

describe('history entries in words', () => {
  it('keep the Swedish sentences the system has always written', () => {
    // Act
    const sv = (record: HistoryRecord) => historyText(entry(record), 'sv');

    // Assess
    expect(sv({ event: 'acknowledged', params: {} })).toBe('Mottagningsbekräftelse skickad till den sökande');
    expect(sv({ event: 'certified', params: { certificateId: 'QM-2026-0001' } })).toBe('Certifierad: QM-2026-0001');
    expect(sv({ event: 'completion_expired', params: { days: 60 } })).toBe('Ingen komplettering inom 60 dagar');
    expect(sv({ event: 'assessment', params: { round: 1, saved: true, criteria: [] } })).toBe('Bedömning sparad (omgång 1)');
    expect(sv({ event: 'partner_reminded', params: examples.partner_reminded })).toBe('Påminnelse 2 till Fastighetsägarna (Owners) om att bekräfta samverkan');
    expect(sv({ event: 'mail_undeliverable', params: examples.mail_undeliverable })).toBe('E-post till en granskare kunde inte levereras (Permanent)');
    expect(sv({ event: 'review_links_resent', params: { ...examples.review_links_resent, reason: 'Bytt adress' } })).toBe(
      'Nya länkar till: granskare@stadskarnor.example (omgång 1); tidigare länkar gäller inte längre. Skäl: Bytt adress',
    );
  });

  it.each(Object.keys(examples) as HistoryEvent[])('%s reads in English without Swedish words', (event) => {
    // Act
    const text = historyText(entry({ event, params: examples[event] } as HistoryRecord), 'en');

    // Assess
    expect(text).not.toMatch(/[åäöÅÄÖ]/);
    expect(text).not.toMatch(/\b(och|till|från|omgång|dagar|Skäl|Ansökan|Granskning)\b/);
  });

  it('show what a person typed as typed, in both languages', () => {
    // Prepare
    const withdrawn = entry({ event: 'withdrawn', params: { reason: 'Föreningen har lagts ned' } });

    // Act
    const both = [historyText(withdrawn, 'sv'), historyText(withdrawn, 'en')];

    // Assess
    expect(both).toEqual(['Tillbakadragen: Föreningen har lagts ned', 'Withdrawn: Föreningen har lagts ned']);
  });

  it('show an entry from before entries had codes by its stored comment, on the status page and in the workspace', () => {
    // Prepare
    const legacy = { at: '2026-11-26T08:00:00Z', actor: 'system', from: 'submitted', to: 'acknowledged', comment: 'Gammal kommentar' } as StoredHistoryEntry;
    const withoutParams = { at: '2026-11-26T09:00:00Z', actor: 'system', from: 'in_review', to: 'in_review', event: 'assessment', comment: 'Bedömning (omgång 1): gammal' } as unknown as StoredHistoryEntry;
    const unknownEvent = { at: '2026-11-26T10:00:00Z', actor: 'system', from: 'acknowledged', to: 'in_review', event: 'from_a_later_version', params: {} } as unknown as StoredHistoryEntry;
    const app = application([legacy, withoutParams, unknownEvent], 'en');

    // Act
    const texts = [legacy, withoutParams, unknownEvent].map((e) => historyText(e, 'en'));
    const page = renderStatusPage({ application: app });
    const workspace = renderApplicationAdmin({ email: 'qm-ansvarig@stadskarnor.example', csrfToken: 'x' }, { application: app, rounds: [], completions: [], partners: [], audit: [] });

    // Assess
    expect(texts).toEqual(['Gammal kommentar', 'Bedömning (omgång 1): gammal', '']);
    expect(page).toContain('Gammal kommentar');
    expect(workspace).toContain('Gammal kommentar');
  });

  it('word every event in every locale (the tables cover the union)', () => {
    // Assess
    for (const messages of Object.values(historyMessages)) expect(Object.keys(messages).sort()).toEqual(Object.keys(examples).sort());
  });
});
