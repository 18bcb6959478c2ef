import { describe, expect, it } from 'vitest';
import fullExample from '../../examples/application-full.json' with { type: 'json' };
import { assessmentRuleErrors, readAssessment } from '../../functions/domain/assessment.js';
import { validateApplication } from '../../functions/domain/application.schema.js';
import { renderValidationErrors } from '../../functions/templates/validation-messages.js';
import { criteriaFor, parseCriteriaCatalogue } from '../../functions/domain/criteria-catalogue.js';
import { partnerPublicName } from '../../functions/domain/partners.js';
import { assessmentErrorText } from '../../functions/templates/labels.js';

const full = criteriaFor('full');
const allMet = Object.fromEntries(full.map((c) => [c.id, { value: 'met' as const }]));

describe('the criteria catalogue', () => {
  it('has the six criteria for every application and "Förändringar och resultat" for a revision only', () => {
    expect(full.map((c) => c.title.sv)).toEqual([
      'Alla nyckelaktörer deltar',
      'Organisation och styrelse',
      'Finansiering genom avtal',
      'Gemensam vision och mätbara mål',
      'Handlingsplan',
      'Uppföljning',
    ]);
    expect(criteriaFor('revision').at(-1)!.title.sv).toBe('Förändringar och resultat');
  });

  it('refuses data naming a question that does not exist, or repeating an id', () => {
    const criterion = { id: 'x', title: { sv: 'X', en: 'X' }, guidance: { sv: 'G', en: 'G' }, questionIds: ['noSuchQuestion'], applicationTypes: ['full'] };
    expect(() => parseCriteriaCatalogue({ criteria: [criterion] })).toThrow(/unknown question id "noSuchQuestion"/);
    const valid = { ...criterion, questionIds: ['legalForm'] };
    expect(() => parseCriteriaCatalogue({ criteria: [valid, valid] })).toThrow(/duplicate criterion id "x"/);
  });
});

describe('the decision rules against the criteria', () => {
  it('approve needs every criterion met, and names those that are not', () => {
    expect(assessmentRuleErrors('approve', allMet, full)).toEqual([]);
    const errors = assessmentRuleErrors('approve', { ...allMet, actionPlan: { value: 'partly' }, followUp: {} }, full);
    expect(errors[0]).toEqual({ path: 'criteria', code: 'approve_needs_all_met', params: { criterionIds: ['actionPlan', 'followUp'] } });
    expect(assessmentErrorText(errors[0]!, full)).toContain('”Handlingsplan”, ”Uppföljning”');
    expect(errors.slice(1).map((e) => e.path)).toEqual(['criterion.actionPlan', 'criterion.followUp']);
    expect(errors.slice(1).map((e) => assessmentErrorText(e, full))).toEqual(['”Handlingsplan” är delvis uppfyllt.', '”Uppföljning” är inte bedömt.']);
  });

  it('a completion needs at least one criterion partly met or not met', () => {
    expect(assessmentRuleErrors('request_completion', allMet, full).map((e) => e.path)).toEqual(['criteria']);
    expect(assessmentRuleErrors('request_completion', { ...allMet, keyActors: { value: 'not_met' } }, full)).toEqual([]);
  });

  it('rejecting and saving ask nothing of the assessment', () => {
    expect(assessmentRuleErrors('reject', {}, full)).toEqual([]);
    expect(assessmentRuleErrors('save', {}, full)).toEqual([]);
  });

  it('reads criterion.<id> and criterionComment.<id>, refusing unknown values', () => {
    const { assessment, errors } = readAssessment(
      { 'criterion.keyActors': 'met', 'criterion.followUp': 'maybe', 'criterionComment.followUp': '  Saknas.  ', 'criterion.changesAndResults': 'met' },
      full,
    );
    expect(assessment).toEqual({ keyActors: { value: 'met' }, followUp: { comment: 'Saknas.' } });
    expect(errors).toEqual([{ path: 'criterion.followUp', code: 'assessment_value_invalid', params: { criterionId: 'followUp' } }]);
    expect(errors.map((e) => assessmentErrorText(e, full))).toEqual(['Välj Uppfyllt, Delvis uppfyllt eller Inte uppfyllt för ”Uppföljning”.']);
  });
});

describe('partner validation', () => {
  const withPartners = (partners: unknown) => validateApplication({ ...fullExample, partners });
  const errorsOf = (partners: unknown) => {
    const result = withPartners(partners);
    return result.ok ? [] : renderValidationErrors(result.errors, 'sv').map(({ path, message }) => ({ path, message }));
  };
  const partner = (role: string, n = 1) => ({ role, organisation: `Org ${n}`, name: `Namn ${n}`, email: `p${n}@exempel.example` });
  const rolesMessage = 'Ange minst en partner med rollen Kommunen och minst en med rollen Fastighetsägarna eller Handeln och näringslivet.';

  it('needs the municipality and property owners or trade and business', () => {
    expect(withPartners([partner('municipality'), partner('business', 2)]).ok).toBe(true);
    expect(withPartners([partner('municipality'), partner('property_owners', 2), partner('other', 3)]).ok).toBe(true);
    expect(errorsOf([partner('property_owners'), partner('business', 2)])).toEqual([{ path: 'partners', message: rolesMessage }]);
    expect(errorsOf([partner('municipality'), partner('other', 2)])).toEqual([{ path: 'partners', message: rolesMessage }]);
    expect(errorsOf([])).toEqual([{ path: 'partners', message: rolesMessage }]);
  });

  it('checks each partner field and allows at most eight', () => {
    expect(errorsOf([{ ...partner('municipality'), role: 'mayor', email: 'nej' }, partner('business', 2)])).toEqual([
      { path: 'partners.0.role', message: expect.stringContaining('Välj partnerns roll') },
      { path: 'partners.0.email', message: 'Ange en giltig e-postadress.' },
    ]);
    const nine = [partner('municipality'), ...Array.from({ length: 8 }, (_, i) => partner('business', i + 2))];
    expect(errorsOf(nine)).toEqual([{ path: 'partners', message: 'Ange högst 8 samverkanspartner.' }]);
  });

  it('names partners publicly by role and organisation', () => {
    expect(partnerPublicName({ role: 'municipality', organisation: 'Exempelstads kommun' })).toBe('Kommunen (Exempelstads kommun)');
    expect(partnerPublicName({ role: 'property_owners', organisation: 'Fastighetsägarna Exempelstad' })).toBe('Fastighetsägarna Exempelstad');
  });
});

describe('the review page of a revision', () => {
  it('shows the answers of the last certified application beside the new ones, under their criteria', async () => {
    // Prepare
    const { renderReviewPage } = await import('../../functions/templates/review-page.template.js');
    const revision = (await import('../../examples/application-revision.json', { with: { type: 'json' } })).default;
    const application = {
      id: 'A-20291101-7KQ3ZP', applicationType: 'revision' as const, status: 'in_review' as const, organisation: revision.organisation, contact: revision.contact,
      partners: revision.partners as never, answers: revision.answers, locale: 'sv' as const, submittedAt: '2029-11-01T09:00:00Z', updatedAt: '2029-11-01T09:00:00Z', version: 3, history: [],
    };

    // Act
    const page = renderReviewPage({
      application,
      round: { applicationId: application.id, round: 1, state: 'open', openedAt: '2029-11-01T09:00:00Z', reviewers: ['granskare@stadskarnor.example'] },
      reviewer: 'granskare@stadskarnor.example',
      action: '/review/x',
      context: {
        record: { certificates: [], applications: [] },
        partners: [],
        lastCertified: { certificateId: 'QM-2026-0001', applicationId: 'A-20261101-AAAAAA', answers: { ...fullExample.answers } },
      },
    });

    // Assess
    expect(page).toContain('name="criterion.changesAndResults"');
    expect(page).toContain(`${revision.answers.agreements}<br><span class="hint">Förra certifierade ansökan (QM-2026-0001): ${fullExample.answers.agreements}</span>`);
  });
});
