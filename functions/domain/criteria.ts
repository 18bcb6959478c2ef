import { criteriaCatalogue } from './criteria-catalogue.js';
import type { LocalisedText, Section } from './question-catalogue.js';

/**
 * What a reviewer judges, each criterion on the answers to some of the catalogue's questions: the
 * shape the self-evaluation relies on, filled from the criteria catalogue (criteria-catalogue.ts,
 * published at /api/criteria).
 */
export interface Criterion {
  id: string;
  title: LocalisedText;
  /** The questions it is judged on. */
  questionIds: readonly string[];
}

export const publishedCriteria: readonly Criterion[] = criteriaCatalogue.criteria;

/** The criteria judged on at least one of the section's questions, in catalogue order. */
export function criteriaForSection(section: Pick<Section, 'questions'>, criteria: readonly Criterion[] = publishedCriteria): Criterion[] {
  const ids = new Set(section.questions.map((q) => q.id));
  return criteria.filter((criterion) => criterion.questionIds.some((id) => ids.has(id)));
}
