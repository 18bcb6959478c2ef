import type { FormFields } from '../domain/application-form.js';
import { formatFormNumber } from '../domain/form-number.js';
import { criteriaForSection } from '../domain/criteria.js';
import type { Question } from '../domain/question-catalogue.js';
import type { ApplicationType } from '../domain/application-type.js';
import type { Locale } from '../domain/locale.js';
import type { SelfEvaluation } from '../domain/self-evaluation.js';
import { applyFormBody } from './apply-form.template.js';
import { href, html, renderPage, type HtmlSafeString } from './layout.template.js';
import { uiMessages } from './messages.js';
import { paths } from '../http/paths.js';

const sv = {
  formTitle: { full: 'Självutvärdering inför kvalitetsmärkning (QM)', revision: 'Självutvärdering inför revidering av kvalitetsmärkningen (QM)' },
  nothingSent:
    'Det här är en självutvärdering för er egen styrelse. Ingenting skickas till Svenska Stadskärnor och ingenting sparas: svaren finns bara i sammanställningen ni skriver ut eller laddar ner. Fyll i så mycket ni vill – inget fält är obligatoriskt här.',
  otherType: { full: 'Gör självutvärderingen inför en revidering i stället', revision: 'Gör självutvärderingen inför en ny ansökan i stället' },
  criteriaNote: 'Kriterier som bedöms på frågorna i avsnittet:',
  showSummary: 'Visa sammanställningen',
  downloadPdf: 'Ladda ner sammanställningen som PDF',
  summaryTitle: 'Sammanställning av självutvärderingen',
  summaryFor: (org: string) => `Sammanställning av självutvärderingen: ${org}`,
  storedNowhere:
    'Svaren sparas inte. De finns bara i den här sidan, i utskriften och i PDF:en – stänger ni sidan utan att skriva ut eller ladda ner försvinner de. Ingenting har skickats till Svenska Stadskärnor.',
  printHint: 'Skriv ut sidan med webbläsarens utskriftsfunktion (Ctrl+P eller Cmd+P), eller ladda ner den som PDF.',
  versionLine: { full: 'Inför en ny QM-ansökan', revision: 'Inför revidering av kvalitetsmärkningen' },
  answers: 'Svar',
  noAnswers: 'Inga frågor i avsnittet är besvarade.',
  unanswered: 'Obesvarade frågor',
  allAnswered: 'Alla frågor i avsnittet är besvarade.',
  checklist: 'Checklista för styrelsen',
  checklistCriteria: 'Gå igenom kriterierna: uppfyller vi dem?',
  checklistQuestions: 'Gå igenom frågorna: står styrelsen bakom svaren, och finns underlaget?',
  organisation: 'Organisationen',
  editAnswers: 'Ändra svaren',
  useAsApplication: 'Använd som ansökan',
  useAsApplicationNote:
    'Knappen öppnar det riktiga ansökningsformuläret ifyllt med samma svar. Ingenting skickas förrän ni själva skickar ansökan därifrån.',
  prefilledIntro:
    'Formuläret är ifyllt med svaren från er självutvärdering. Ingenting har skickats ännu: kontrollera och komplettera svaren och skicka sedan ansökan. Endast medlemmar i Svenska Stadskärnor kan ansöka, och det är kostnadsfritt.',
  pdfFooter: 'Självutvärdering, Svenska Stadskärnor · Kvalitetsmärkning (QM). Sparas inte hos Svenska Stadskärnor.',
  page: (n: number, of: number) => `Sida ${n} av ${of}`,
};

const en: typeof sv = {
  formTitle: { full: 'Self-evaluation for the Quality Mark (QM)', revision: 'Self-evaluation for the revision of the Quality Mark (QM)' },
  nothingSent:
    'This is a self-evaluation for your own board. Nothing is sent to Svenska Stadskärnor and nothing is stored: the answers exist only in the summary you print or download. Fill in as much as you like – no field is required here.',
  otherType: { full: 'Do the self-evaluation for a revision instead', revision: 'Do the self-evaluation for a new application instead' },
  criteriaNote: 'Criteria judged on the questions in this section:',
  showSummary: 'Show the summary',
  downloadPdf: 'Download the summary as a PDF',
  summaryTitle: 'Summary of the self-evaluation',
  summaryFor: (org) => `Summary of the self-evaluation: ${org}`,
  storedNowhere:
    'The answers are not stored. They exist only on this page, in the printout and in the PDF – if you close the page without printing or downloading, they are gone. Nothing has been sent to Svenska Stadskärnor.',
  printHint: "Print the page with your browser's print function (Ctrl+P or Cmd+P), or download it as a PDF.",
  versionLine: { full: 'For a new QM application', revision: 'For the revision of the Quality Mark' },
  answers: 'Answers',
  noAnswers: 'No question in this section has been answered.',
  unanswered: 'Unanswered questions',
  allAnswered: 'All questions in this section have been answered.',
  checklist: 'Checklist for the board',
  checklistCriteria: 'Go through the criteria: do we meet them?',
  checklistQuestions: 'Go through the questions: does the board stand behind the answers, and is the evidence there?',
  organisation: 'The organisation',
  editAnswers: 'Change the answers',
  useAsApplication: 'Use as application',
  useAsApplicationNote: 'The button opens the real application form filled in with the same answers. Nothing is sent until you submit the application from there.',
  prefilledIntro:
    'The form is filled in with the answers from your self-evaluation. Nothing has been sent yet: check and complete the answers, then submit the application. Only members of Svenska Stadskärnor may apply, and applying is free of charge.',
  pdfFooter: 'Self-evaluation, Svenska Stadskärnor · Quality Mark (QM). Not stored by Svenska Stadskärnor.',
  page: (n, of) => `Page ${n} of ${of}`,
};

export const selfEvaluationText: Record<Locale, typeof sv> = { sv, en };

// --- The form --------------------------------------------------------------------------------------

export interface SelfEvaluationFormOptions {
  type: ApplicationType;
  locale: Locale;
  /** Answers to show again ("Ändra svaren"). */
  values?: FormFields;
}

function summaryButtons(t: typeof sv): HtmlSafeString {
  return html`<p><button type="submit">${t.showSummary}</button></p>
<p><button type="submit" formaction="${href(paths.selfEvaluationPdf)}" class="secondary">${t.downloadPdf}</button></p>`;
}

/** The application's questions as a form that is never submitted to the programme. */
export function renderSelfEvaluationForm({ type, locale, values = {} }: SelfEvaluationFormOptions): string {
  const t = selfEvaluationText[locale];
  const other: ApplicationType = type === 'full' ? 'revision' : 'full';
  const otherHref = paths.selfEvaluationOf(other, locale);
  const form = applyFormBody({
    type,
    locale,
    values,
    idempotencyKey: '',
    action: paths.selfEvaluationSummary,
    heading: t.formTitle[type],
    intro: t.nothingSent,
    buttons: summaryButtons(t),
    sectionNote: (section) => {
      const criteria = criteriaForSection(section);
      return criteria.length
        ? html`<div class="hint"><p>${t.criteriaNote}</p><ul>${criteria.map((c) => html`<li>${c.title[locale]}</li>`)}</ul></div>\n`
        : '';
    },
  });
  const body = html`${form}
<p><a href="${href(otherHref)}">${t.otherType[type]}</a></p>`;
  return renderPage({ title: t.formTitle[type], lang: locale, body });
}

// --- The summary (HTML and PDF from the same view) ---------------------------------------------------

/** The summary as text, ready to be laid out as a page or a PDF: both say exactly the same. */
export interface SelfEvaluationView {
  lang: Locale;
  title: string;
  versionLine: string;
  notice: string;
  organisation: { label: string; value: string }[];
  sections: {
    title: string;
    answers: { label: string; value: string }[];
    unanswered: string[];
    checklistIntro: string;
    checklist: string[];
  }[];
  labels: Pick<typeof sv, 'answers' | 'noAnswers' | 'unanswered' | 'allAnswered' | 'checklist' | 'organisation' | 'pdfFooter' | 'page'>;
}

function displayValue(question: Question, value: unknown, locale: Locale): string {
  const text = uiMessages[locale];
  switch (question.kind) {
    case 'select':
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : [value];
      return chosen.map((v) => question.options.find((o) => o.value === v)?.label[locale] ?? String(v)).join(', ');
    }
    case 'boolean':
      return value === true ? text.yes : text.no;
    case 'number':
      return typeof value === 'number' ? formatFormNumber(value) : String(value);
    default:
      return String(value);
  }
}

export function selfEvaluationView(evaluation: SelfEvaluation, locale: Locale): SelfEvaluationView {
  const t = selfEvaluationText[locale];
  const text = uiMessages[locale];
  const org = evaluation.organisation;
  const orgName = org.name ? (org.town ? `${org.name}, ${org.town}` : org.name) : undefined;
  return {
    lang: locale,
    title: orgName ? t.summaryFor(orgName) : t.summaryTitle,
    versionLine: t.versionLine[evaluation.type],
    notice: t.storedNowhere,
    organisation: (['name', 'organisationNumber', 'town', 'municipality', 'website'] as const)
      .filter((key) => org[key])
      .map((key) => ({ label: text.organisation[key].label, value: org[key]! })),
    sections: evaluation.sections.map(({ section, answered, unanswered, criteria }) => ({
      title: section.title[locale],
      answers: answered.map(({ question, value }) => ({ label: question.label[locale], value: displayValue(question, value, locale) })),
      unanswered: unanswered.map((q) => q.label[locale]),
      checklistIntro: criteria.length ? t.checklistCriteria : t.checklistQuestions,
      checklist: criteria.length ? criteria.map((c) => c.title[locale]) : section.questions.map((q) => q.label[locale]),
    })),
    labels: t,
  };
}

function hiddenFields(fields: FormFields): HtmlSafeString[] {
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value ?? '']).map((v) => html`<input type="hidden" name="${name}" value="${v}">\n`),
  );
}

/**
 * The printable summary: per section the answers, the questions left unanswered and a checklist for
 * the board. Its buttons carry the answers on in hidden fields, as the only copy there is: to the PDF,
 * back to the form, or into the real application form (POST /apply).
 */
export function renderSelfEvaluationSummary(view: SelfEvaluationView, fields: FormFields): string {
  const t = selfEvaluationText[view.lang];
  const body = html`<h1>${view.title}</h1>
<p>${view.versionLine}</p>
<div class="notice" role="note"><p><strong>${view.notice}</strong></p><p class="no-print">${t.printHint}</p></div>
<form method="post" action="${href(paths.selfEvaluationPdf)}" accept-charset="utf-8" class="no-print">
${hiddenFields(fields)}<p><button type="submit">${t.downloadPdf}</button></p>
<p><button type="submit" formaction="${href(paths.selfEvaluation)}" class="secondary">${t.editAnswers}</button></p>
<p><button type="submit" formaction="${href(paths.apply)}" class="secondary">${t.useAsApplication}</button><br><span class="hint">${t.useAsApplicationNote}</span></p>
</form>
${view.organisation.length
    ? html`<h2>${view.labels.organisation}</h2>
<dl class="facts">${view.organisation.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>`
    : ''}
${view.sections.map(
  (s) => html`<section class="summary-section">
<h2>${s.title}</h2>
<h3>${view.labels.answers}</h3>
${s.answers.length ? html`<dl class="answers">${s.answers.map((a) => html`<dt>${a.label}</dt><dd>${a.value}</dd>`)}</dl>` : html`<p>${view.labels.noAnswers}</p>`}
<h3>${view.labels.unanswered}</h3>
${s.unanswered.length ? html`<ul>${s.unanswered.map((q) => html`<li>${q}</li>`)}</ul>` : html`<p>${view.labels.allAnswered}</p>`}
<h3>${view.labels.checklist}</h3>
<p>${s.checklistIntro}</p>
<ul class="checklist">${s.checklist.map((item) => html`<li>${item}</li>`)}</ul>
</section>
`,
)}`;
  return renderPage({ title: view.title, lang: view.lang, body });
}

/** The note that opens the application form when it is prefilled from a self-evaluation. */
export const prefilledFromSelfEvaluation = (locale: Locale) => selfEvaluationText[locale].prefilledIntro;
