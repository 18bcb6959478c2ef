import * as z from '../lib/zod.js';
import rawCriteria from './criteria-catalogue.json' with { type: 'json' };
import { findQuestion, questionCatalogue, questionsFor, type QuestionCatalogue } from './question-catalogue.js';
import { applicationTypes, type ApplicationType } from './application-type.js';
import type { Locale } from './locale.js';

/**
 * What a reviewer judges: the QM criteria, as data (criteria-catalogue.json) next to the question
 * catalogue. Each criterion is judged on some of the application's answers; checked once at load.
 */
const localisedText = z.strictObject({ sv: z.string().trim().min(1), en: z.string().trim().min(1) });

const criterionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'ids are lowerCamelCase letters and digits'),
  title: localisedText,
  guidance: localisedText,
  questionIds: z.array(z.string()).min(1),
  applicationTypes: z.array(z.enum(applicationTypes)).min(1),
});
export type Criterion = z.infer<typeof criterionSchema>;

export interface CriteriaCatalogue {
  criteria: Criterion[];
}

/** Validates criteria data against a question catalogue; throws one error listing every problem (English: for developers). */
export function parseCriteriaCatalogue(raw: unknown, questions: QuestionCatalogue = questionCatalogue, source = 'criteria catalogue'): CriteriaCatalogue {
  const schema = z.strictObject({ criteria: z.array(criterionSchema).min(1) }).superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.criteria.forEach((criterion, c) => {
      if (seen.has(criterion.id)) ctx.addIssue({ code: 'custom', path: ['criteria', c, 'id'], message: `duplicate criterion id "${criterion.id}"` });
      seen.add(criterion.id);
      criterion.questionIds.forEach((id, q) => {
        if (!findQuestion(id, questions)) ctx.addIssue({ code: 'custom', path: ['criteria', c, 'questionIds', q], message: `unknown question id "${id}"` });
      });
      for (const type of criterion.applicationTypes) {
        const asked = new Set(questionsFor(type, questions).map((q) => q.id));
        if (!criterion.questionIds.some((id) => asked.has(id))) {
          ctx.addIssue({ code: 'custom', path: ['criteria', c, 'applicationTypes'], message: `no question of "${criterion.id}" is asked in a "${type}" application` });
        }
      }
    });
  });
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid ${source}:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The catalogue, validated when this module is first imported (fails fast on bad data). */
export const criteriaCatalogue: CriteriaCatalogue = parseCriteriaCatalogue(rawCriteria, questionCatalogue, 'criteria catalogue (functions/domain/criteria-catalogue.json)');

/** The criteria an application of the type is judged by, in catalogue order. */
export function criteriaFor(type: ApplicationType, catalogue: CriteriaCatalogue = criteriaCatalogue): Criterion[] {
  return catalogue.criteria.filter((criterion) => criterion.applicationTypes.includes(type));
}

/** The questions of a criterion that an application of the type asks. */
export function criterionQuestionIds(criterion: Criterion, type: ApplicationType): string[] {
  const asked = new Set(questionsFor(type).map((q) => q.id));
  return criterion.questionIds.filter((id) => asked.has(id));
}

/** The public view of the catalogue (GET /api/criteria): one locale's texts. */
export function publishedCriteria(locale: Locale, catalogue: CriteriaCatalogue = criteriaCatalogue) {
  return catalogue.criteria.map((c) => ({
    id: c.id,
    title: c.title[locale],
    guidance: c.guidance[locale],
    questionIds: c.questionIds,
    applicationTypes: c.applicationTypes,
  }));
}
