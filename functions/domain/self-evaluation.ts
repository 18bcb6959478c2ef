import { applicationBodyFromForm, extractFormMeta, type FormFields } from './application-form.js';
import { applicantFieldPaths } from './applicant-fields.js';
import { criteriaForSection, publishedCriteria, type Criterion } from './criteria.js';
import { questionsFor, sectionsFor, type Question, type Section } from './question-catalogue.js';
import type { ApplicationType } from './application-type.js';
import type { Locale } from './locale.js';

/**
 * A self-evaluation: the application's questions answered for the board's own use, never sent to the
 * programme and never stored. It is read from the same form fields as the application form
 * (`organisation.*`, `contact.*`, `answers.<questionId>`, `type`, `locale`), so the same answers can be
 * taken into the real application form as they are.
 */
export interface SelfEvaluationSection {
  section: Section;
  answered: { question: Question; value: unknown }[];
  unanswered: Question[];
  /** The criteria judged on this section's questions (none until the criteria catalogue exists). */
  criteria: Criterion[];
}

export interface SelfEvaluation {
  type: ApplicationType;
  locale?: Locale;
  organisation: Record<string, string>;
  sections: SelfEvaluationSection[];
}

const isAnswered = (value: unknown) =>
  value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** Sorts the answers given in the form into answered and unanswered questions, section by section. */
export function summariseSelfEvaluation(fields: FormFields, criteria: readonly Criterion[] = publishedCriteria): SelfEvaluation {
  const meta = extractFormMeta(fields);
  const body = applicationBodyFromForm({ ...fields, type: meta.type });
  return {
    type: meta.type,
    ...(meta.locale ? { locale: meta.locale } : {}),
    organisation: body.organisation,
    sections: sectionsFor(meta.type).map((section) => {
      const answered: SelfEvaluationSection['answered'] = [];
      const unanswered: Question[] = [];
      for (const question of section.questions) {
        const value = body.answers[question.id];
        if (isAnswered(value)) answered.push({ question, value });
        else unanswered.push(question);
      }
      return { section, answered, unanswered, criteria: criteriaForSection(section, criteria) };
    }),
  };
}

/**
 * The fields worth carrying on (to the summary's buttons and to the application form): those the
 * forms know, nothing else echoed back.
 */
export function knownFormFields(fields: FormFields, type: ApplicationType): FormFields {
  const names = new Set<string>([
    'type',
    'locale',
    ...applicantFieldPaths,
    ...questionsFor(type).map((q) => `answers.${q.id}`),
  ]);
  return Object.fromEntries(Object.entries(fields).filter(([name, value]) => names.has(name) && value !== undefined));
}
