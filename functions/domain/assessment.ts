import type { Criterion } from './criteria-catalogue.js';
import type { Locale } from './locale.js';

/**
 * The reviewer's assessment of each criterion (met / partly met / not met, with an optional
 * comment) and the rules a decision must follow against it. Pure: no I/O.
 */
export const assessmentValues = ['met', 'partly', 'not_met'] as const;
export type AssessmentValue = (typeof assessmentValues)[number];

export const assessmentLabels: Record<Locale, Record<AssessmentValue, string>> = {
  sv: { met: 'Uppfyllt', partly: 'Delvis uppfyllt', not_met: 'Inte uppfyllt' },
  en: { met: 'Met', partly: 'Partly met', not_met: 'Not met' },
};

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

export interface FieldError {
  path: string;
  message: string;
}

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
export function readAssessment(fields: Record<string, unknown>, criteria: readonly Criterion[]): { assessment: Assessment; errors: FieldError[] } {
  const assessment: Assessment = {};
  const errors: FieldError[] = [];
  for (const criterion of criteria) {
    const raw = fields[criterionField(criterion.id)];
    const value = firstString(raw)?.trim();
    const comment = firstString(fields[criterionCommentField(criterion.id)])?.trim();
    const entry: CriterionAssessment = {};
    if (raw !== undefined && value !== '') {
      if (isAssessmentValue(value)) entry.value = value;
      else errors.push({ path: criterionField(criterion.id), message: `Välj Uppfyllt, Delvis uppfyllt eller Inte uppfyllt för ”${criterion.title.sv}”.` });
    }
    if (comment) {
      if (comment.length > maxCriterionCommentLength) {
        errors.push({ path: criterionCommentField(criterion.id), message: `Kommentaren till ”${criterion.title.sv}” får vara högst ${maxCriterionCommentLength} tecken.` });
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

const titles = (criteria: readonly Criterion[]) => criteria.map((c) => `”${c.title.sv}”`).join(', ');

/**
 * The rules a decision follows against the assessment: approving needs every criterion met; a
 * completion needs at least one criterion partly met or not met (those are what the applicant is
 * asked about). Rejecting and saving need nothing of the assessment.
 */
export function assessmentRuleErrors(decision: string, assessment: Assessment, criteria: readonly Criterion[]): FieldError[] {
  if (decision === 'approve') {
    const notMet = criteriaNotMet(assessment, criteria);
    if (notMet.length === 0) return [];
    return [
      { path: 'criteria', message: `Ansökan kan godkännas först när alla kriterier är bedömda som uppfyllda. Inte uppfyllt eller inte bedömt: ${titles(notMet)}.` },
      ...notMet.map((c) => ({ path: criterionField(c.id), message: `”${c.title.sv}” är ${assessment[c.id]?.value ? assessmentLabels.sv[assessment[c.id]!.value!].toLowerCase() : 'inte bedömt'}.` })),
    ];
  }
  if (decision === 'request_completion' && criteriaNeedingWork(assessment, criteria).length === 0) {
    return [{ path: 'criteria', message: 'Ange vilka kriterier kompletteringen gäller: bedöm minst ett kriterium som delvis uppfyllt eller inte uppfyllt.' }];
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

/** One line per assessed criterion, e.g. "Handlingsplan: Delvis uppfyllt – Saknar tidsplan". */
export function assessmentLines(assessed: readonly AssessedCriterion[], criteria: readonly Criterion[], locale: Locale): string[] {
  return assessed.map((a) => {
    const criterion = criteria.find((c) => c.id === a.id);
    return `${criterion?.title[locale] ?? a.id}: ${assessmentLabels[locale][a.value]}${a.comment ? ` – ${a.comment}` : ''}`;
  });
}
