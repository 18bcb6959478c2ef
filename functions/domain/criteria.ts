import type { LocalisedText, Section } from './question-catalogue.js';

/**
 * What a reviewer judges, each criterion on the answers to some of the catalogue's questions.
 *
 * The criteria catalogue itself is a later piece of work (kept as data next to the question
 * catalogue, published at /api/criteria). This is the shape everything here relies on, so that the
 * catalogue plugs in by replacing `publishedCriteria`; until then there are none, and the
 * self-evaluation's board checklist falls back to the questions themselves.
 */
export interface Criterion {
  id: string;
  title: LocalisedText;
  /** The questions it is judged on. */
  questionIds: readonly string[];
}

export const publishedCriteria: readonly Criterion[] = [];

/** The criteria judged on at least one of the section's questions, in catalogue order. */
export function criteriaForSection(section: Pick<Section, 'questions'>, criteria: readonly Criterion[] = publishedCriteria): Criterion[] {
  const ids = new Set(section.questions.map((q) => q.id));
  return criteria.filter((criterion) => criterion.questionIds.some((id) => ids.has(id)));
}
