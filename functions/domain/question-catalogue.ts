import * as z from '../lib/zod.js';
import { applicationTypes, type ApplicationType } from './application-type.js';
import rawCatalogue from './question-catalogue.json' with { type: 'json' };

/**
 * The QM question catalogue: the questions are data (question-catalogue.json); this module
 * checks that data once at load time and offers typed views of it per application type.
 */

const localisedTextSchema = z.strictObject({
  sv: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type LocalisedText = z.infer<typeof localisedTextSchema>;

const idSchema = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'ids are lowerCamelCase letters and digits');

const optionSchema = z.strictObject({
  value: idSchema,
  label: localisedTextSchema,
});
export type QuestionOption = z.infer<typeof optionSchema>;

const commonQuestionFields = {
  id: idSchema,
  label: localisedTextSchema,
  help: localisedTextSchema.optional(),
  required: z.boolean(),
  versions: z
    .array(z.enum(applicationTypes))
    .min(1)
    .refine((versions) => new Set(versions).size === versions.length, 'versions must not repeat'),
};

const uniqueOptionValues = (options: readonly QuestionOption[]): boolean =>
  new Set(options.map((option) => option.value)).size === options.length;

const questionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...commonQuestionFields,
    kind: z.enum(['text', 'textarea', 'url']),
    maxLength: z.number().int().positive().optional(),
  }),
  z
    .strictObject({
      ...commonQuestionFields,
      kind: z.literal('number'),
      integer: z.boolean().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .refine((q) => q.min === undefined || q.max === undefined || q.min <= q.max, 'min must not exceed max'),
  z.strictObject({
    ...commonQuestionFields,
    kind: z.enum(['select', 'multiselect']),
    options: z.array(optionSchema).min(2).refine(uniqueOptionValues, 'option values must be unique'),
  }),
  z.strictObject({
    ...commonQuestionFields,
    kind: z.literal('boolean'),
  }),
]);
export type Question = z.infer<typeof questionSchema>;

const sectionSchema = z.strictObject({
  id: idSchema,
  title: localisedTextSchema,
  questions: z.array(questionSchema).min(1),
});
export type Section = z.infer<typeof sectionSchema>;

export const questionCatalogueSchema = z
  .strictObject({ sections: z.array(sectionSchema).min(1) })
  .superRefine((catalogue, ctx) => {
    const seenSections = new Set<string>();
    const seenQuestions = new Set<string>();
    catalogue.sections.forEach((section, s) => {
      if (seenSections.has(section.id)) {
        ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `duplicate section id "${section.id}"` });
      }
      seenSections.add(section.id);
      section.questions.forEach((question, q) => {
        if (seenQuestions.has(question.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'questions', q, 'id'],
            message: `duplicate question id "${question.id}"`,
          });
        }
        seenQuestions.add(question.id);
      });
    });
    for (const type of applicationTypes) {
      if (!catalogue.sections.some((section) => section.questions.some((q) => q.versions.includes(type)))) {
        ctx.addIssue({ code: 'custom', path: ['sections'], message: `no question for application type "${type}"` });
      }
    }
  });
export type QuestionCatalogue = z.infer<typeof questionCatalogueSchema>;

/** Validates catalogue data; throws one error listing every problem (messages in English: it is for developers). */
export function parseQuestionCatalogue(raw: unknown, source = 'question catalogue'): QuestionCatalogue {
  const result = questionCatalogueSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid ${source}:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The catalogue, validated when this module is first imported (fails fast on bad data). */
export const questionCatalogue: QuestionCatalogue = parseQuestionCatalogue(
  rawCatalogue,
  'question catalogue (functions/domain/question-catalogue.json)',
);

/** The sections that have at least one question for the type, each with only that type's questions. */
export function sectionsFor(type: ApplicationType, catalogue: QuestionCatalogue = questionCatalogue): Section[] {
  return catalogue.sections
    .map((section) => ({ ...section, questions: section.questions.filter((q) => q.versions.includes(type)) }))
    .filter((section) => section.questions.length > 0);
}

/** The questions asked in an application of the type, in catalogue order. */
export function questionsFor(type: ApplicationType, catalogue: QuestionCatalogue = questionCatalogue): Question[] {
  return sectionsFor(type, catalogue).flatMap((section) => section.questions);
}

/** Any question in the catalogue by id, whatever the type. */
export function findQuestion(id: string, catalogue: QuestionCatalogue = questionCatalogue): Question | undefined {
  for (const section of catalogue.sections) {
    const question = section.questions.find((q) => q.id === id);
    if (question) return question;
  }
  return undefined;
}
