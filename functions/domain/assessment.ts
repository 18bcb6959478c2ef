import type { Criterion } from './criteria-catalogue.js';

/**
 * The reviewer's assessment of each criterion (met / partly met / not met, with an optional
 * comment) and the rules a decision must follow against it. Pure: no I/O.
 */
export const assessmentValues = ['met', 'partly', 'not_met'] as const;
export type AssessmentValue = (typeof assessmentValues)[number];

export const maxCriterionCommentLength = 2000;

export interface CriterionAssessment {
  value?: AssessmentValue;
  comment?: string;
}

/** By criterion id; a criterion not yet assessed is absent or has no value. */
export type Assessment = Record<string, CriterionAssessment>;

/** One assessed criterion as the applicant is shown it (catalogue order). */
export interface AssessedCriterion {
  id: string;
  value: AssessmentValue;
  comment?: string;
}

/** What is wrong with the reviewer's assessment, by code; the review page words it (templates/labels.ts). */
export type AssessmentError =
  | { path: string; code: 'assessment_value_invalid'; params: { criterionId: string } }
  | { path: string; code: 'assessment_comment_too_long'; params: { criterionId: string; max: number } }
  | { path: 'criteria'; code: 'approve_needs_all_met'; params: { criterionIds: string[] } }
  | { path: string; code: 'criterion_not_met'; params: { criterionId: string; value?: AssessmentValue } }
  | { path: 'criteria'; code: 'completion_needs_criteria'; params: Record<string, never> };

export const criterionField = (id: string) => `criterion.${id}`;
export const criterionCommentField = (id: string) => `criterionComment.${id}`;

const firstString = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
};
const isAssessmentValue = (v: unknown): v is AssessmentValue => typeof v === 'string' && (assessmentValues as readonly string[]).includes(v);

/**
 * Reads `criterion.<id>` and `criterionComment.<id>` for the given criteria from a form (or a flat
 * JSON object with the same keys). Fields of criteria that do not apply are ignored.
 */
export function readAssessment(fields: Record<string, unknown>, criteria: readonly Criterion[]): { assessment: Assessment; errors: AssessmentError[] } {
  const assessment: Assessment = {};
  const errors: AssessmentError[] = [];
  for (const criterion of criteria) {
    const raw = fields[criterionField(criterion.id)];
    const value = firstString(raw)?.trim();
    const comment = firstString(fields[criterionCommentField(criterion.id)])?.trim();
    const entry: CriterionAssessment = {};
    if (raw !== undefined && value !== '') {
      if (isAssessmentValue(value)) entry.value = value;
      else errors.push({ path: criterionField(criterion.id), code: 'assessment_value_invalid', params: { criterionId: criterion.id } });
    }
    if (comment) {
      if (comment.length > maxCriterionCommentLength) {
        errors.push({ path: criterionCommentField(criterion.id), code: 'assessment_comment_too_long', params: { criterionId: criterion.id, max: maxCriterionCommentLength } });
      } else entry.comment = comment;
    }
    if (entry.value || entry.comment) assessment[criterion.id] = entry;
  }
  return { assessment, errors };
}

/** The criteria not assessed as met (including those not assessed at all). */
export function criteriaNotMet(assessment: Assessment, criteria: readonly Criterion[]): Criterion[] {
  return criteria.filter((c) => assessment[c.id]?.value !== 'met');
}

/** The criteria assessed as partly met or not met: what a completion asks about. */
export function criteriaNeedingWork(assessment: Assessment, criteria: readonly Criterion[]): Criterion[] {
  return criteria.filter((c) => assessment[c.id]?.value === 'partly' || assessment[c.id]?.value === 'not_met');
}

/**
 * The rules a decision follows against the assessment: approving needs every criterion met; a
 * completion needs at least one criterion partly met or not met (those are what the applicant is
 * asked about). Rejecting and saving need nothing of the assessment.
 */
export function assessmentRuleErrors(decision: string, assessment: Assessment, criteria: readonly Criterion[]): AssessmentError[] {
  if (decision === 'approve') {
    const notMet = criteriaNotMet(assessment, criteria);
    if (notMet.length === 0) return [];
    return [
      { path: 'criteria', code: 'approve_needs_all_met', params: { criterionIds: notMet.map((c) => c.id) } },
      ...notMet.map((c) => {
        const value = assessment[c.id]?.value;
        return { path: criterionField(c.id), code: 'criterion_not_met' as const, params: { criterionId: c.id, ...(value ? { value } : {}) } };
      }),
    ];
  }
  if (decision === 'request_completion' && criteriaNeedingWork(assessment, criteria).length === 0) {
    return [{ path: 'criteria', code: 'completion_needs_criteria', params: {} }];
  }
  return [];
}

/** The assessment in catalogue order, only the assessed criteria. */
export function assessedCriteria(assessment: Assessment | undefined, criteria: readonly Criterion[]): AssessedCriterion[] {
  if (!assessment) return [];
  return criteria.flatMap((c) => {
    const entry = assessment[c.id];
    return entry?.value ? [{ id: c.id, value: entry.value, ...(entry.comment ? { comment: entry.comment } : {}) }] : [];
  });
}
