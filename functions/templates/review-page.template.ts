import type { ApplicationRecord } from '../domain/application-record.js';
import { assessmentLabels, decisionLabels, decisionPastTense, statusLabels } from './labels.js';
import type { OrganisationRecord, ReviewContext } from '../use-cases/reviewer-link.use-case.js';
import { formatCalendarDate } from './swedish-dates.js';
import { assessedCriteria, assessmentValues, criterionCommentField, criterionField, type Assessment } from '../domain/assessment.js';
import { criteriaFor, criterionQuestionIds, type Criterion } from '../domain/criteria-catalogue.js';
import { partnerPublicName, type Partner } from '../domain/partners.js';
import { findQuestion, questionsFor } from '../domain/question-catalogue.js';
import { maxCommentLength, reviewDecisions, type RecordedDecision, type ReviewRound } from '../domain/review.js';
import { answerText, applicationSummary, organisationAndContact } from './application-summary.template.js';
import { uiMessages, type UiMessages } from './messages.js';
import { href, html, type HtmlSafeString, renderLinkNotFoundPage, renderPage } from './layout.template.js';
import { formatLimit } from './limits.js';
import { formatSwedishDate, formatSwedishDateTime } from './swedish-dates.js';
import { paths } from '../http/paths.js';

const versionNames = { full: 'QM-ansökan (fullständig)', revision: 'Revidering av QM' } as const;

function heading(application: ApplicationRecord) {
  return html`<h1>Granska: ${application.organisation.name}</h1>
<p>Typ av ansökan: ${versionNames[application.applicationType]} · ${application.id} · inskickad ${formatSwedishDate(application.submittedAt)} · ${application.organisation.town}</p>`;
}

/**
 * Who the organisation is according to the member register (shown when the form says otherwise:
 * the certificate will carry the register's name), and its record: certificates and earlier
 * applications.
 */
function organisationRecordSection(application: ApplicationRecord, record: OrganisationRecord | undefined) {
  if (!record) return '';
  const typed = application.organisation;
  const differs = record.registered && (record.registered.name !== typed.name || record.registered.town !== typed.town);
  return html`<section aria-labelledby="organisation-record">
<h2 id="organisation-record">Organisationens historik</h2>
${record.registered
    ? differs
      ? html`<div class="notice"><p><strong>Namnet skiljer sig från medlemsregistret.</strong> I ansökan: ${typed.name}, ${typed.town}. I medlemsregistret: ${record.registered.name}, ${record.registered.town}. Certifikatet och registret använder medlemsregistrets namn.</p></div>`
      : html`<p>Namn och ort stämmer med medlemsregistret: ${record.registered.name}, ${record.registered.town}.</p>`
    : html`<p>Organisationen finns inte längre i medlemsregistret.</p>`}
<h3>Kvalitetsmärkningar</h3>
${record.certificates.length
    ? html`<ul>${record.certificates.map(
        (c) => html`<li><a href="${href(paths.certificate(c.certificateId))}">${c.certificateId}</a>: giltigt från ${formatCalendarDate(c.validFrom)} till och med ${formatCalendarDate(c.validUntil)}${c.supersededBy ? html` (ersatt av ${c.supersededBy})` : ''}</li>`,
      )}</ul>`
    : html`<p>Inga tidigare kvalitetsmärkningar.</p>`}
<h3>Tidigare ansökningar</h3>
${record.applications.length
    ? html`<ul>${record.applications.map(
        (a) => html`<li>${a.id} · ${versionNames[a.applicationType]} · inskickad ${formatSwedishDate(a.submittedAt)} · ${statusLabels.sv[a.status]}${a.certificateId ? html` (${a.certificateId})` : ''}</li>`,
      )}</ul>`
    : html`<p>Inga tidigare ansökningar.</p>`}
</section>`;
}

/** Who has confirmed, who has declined (with the comment) and who has not answered. */
function partnerSection(partners: ReviewContext['partners']) {
  if (partners.length === 0) return '';
  const state = ({ confirmation }: ReviewContext['partners'][number]) => {
    const override = confirmation?.overriddenAt && confirmation.decision !== 'confirm'
      ? html`<br><strong>Undantagen</strong> av ${confirmation.overriddenBy ?? ''} ${formatSwedishDateTime(confirmation.overriddenAt)}: ${confirmation.overrideReason ?? ''}`
      : '';
    return html`${answerState(confirmation)}${override}`;
  };
  const answerState = (confirmation: ReviewContext['partners'][number]['confirmation']) => {
    // A request the workflow made carries its task token; one the override created has none.
    if (!confirmation || (!confirmation.taskToken && !confirmation.decision)) return html`Inte tillfrågad ännu`;
    if (confirmation.decision === 'confirm') return html`<strong class="answer-yes">Har bekräftat</strong> ${formatSwedishDateTime(confirmation.decidedAt!)}`;
    if (confirmation.decision === 'decline') return html`<strong class="answer-no">Har avböjt</strong> ${formatSwedishDateTime(confirmation.decidedAt!)}: ${confirmation.comment ?? ''}`;
    return html`Har inte svarat${confirmation.reminders ? html` (påmind ${confirmation.reminders} ${confirmation.reminders === 1 ? 'gång' : 'gånger'})` : ''}`;
  };
  const confirmed = partners.filter((p) => p.confirmation?.decision === 'confirm').length;
  const overridden = partners.filter((p) => p.confirmation?.overriddenAt && p.confirmation.decision !== 'confirm').length;
  return html`<section aria-labelledby="partners-heading" id="partners">
<h2 id="partners-heading">Samverkanspartnernas bekräftelser</h2>
<p>${confirmed} av ${partners.length} har bekräftat.${overridden ? ` ${overridden} ${overridden === 1 ? 'är undantagen' : 'är undantagna'} av QM-ansvarig.` : ''} Ansökan kan godkännas först när alla har bekräftat (eller QM-ansvarig har undantagit dem); ett avböjande avslår inte ansökan av sig självt.</p>
<table class="stack"><thead><tr><th scope="col">Partner</th><th scope="col">Kontaktperson</th><th scope="col">Svar</th></tr></thead><tbody>
${partners.map((p) => html`<tr><td data-label="Partner">${partnerPublicName(p.partner)}</td><td data-label="Kontaktperson">${p.partner.name}, ${p.partner.email}</td><td data-label="Svar">${state(p)}</td></tr>`)}
</tbody></table>
</section>`;
}

function valueText(path: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '–';
  if (path === 'partners') return Array.isArray(value) ? (value as Partner[]).map((p) => `${partnerPublicName(p)}: ${p.name}, ${p.email}`).join('; ') : '–';
  const question = path.startsWith('answers.') ? findQuestion(path.slice('answers.'.length)) : undefined;
  return question ? answerText(question, value) : String(value);
}

function pathLabel(path: string): string {
  const [group, key = ''] = path.split('.');
  if (group === 'answers') return findQuestion(key)?.label.sv ?? key;
  if (group === 'organisation') return uiMessages.sv.organisation[key as keyof UiMessages['organisation']]?.label ?? key;
  if (group === 'contact') return `Kontaktperson: ${uiMessages.sv.contact[key as keyof UiMessages['contact']]?.label ?? key}`;
  return uiMessages.sv.partners.legend;
}

/** A later round: the assessment and comments of the round before, and each changed answer before and after. */
function previousRoundSection(previous: ReviewContext['previousRound'], criteria: readonly Criterion[]) {
  if (!previous) return '';
  const { decision } = previous;
  const assessed = assessedCriteria(decision?.assessment, criteria);
  return html`<section aria-labelledby="previous-round">
<h2 id="previous-round">Förra granskningsomgången (omgång ${previous.round})</h2>
${decision ? html`<p>${decision.decidedBy} ${decisionPastTense[decision.decision]} ${formatSwedishDateTime(decision.decidedAt)}.${decision.comment ? html` Kommentar: ${decision.comment}` : ''}</p>` : ''}
${assessed.length
    ? html`<table class="stack"><thead><tr><th scope="col">Kriterium</th><th scope="col">Bedömning</th><th scope="col">Kommentar</th></tr></thead><tbody>
${assessed.map((a) => html`<tr><td data-label="Kriterium">${criteria.find((c) => c.id === a.id)?.title.sv ?? a.id}</td><td data-label="Bedömning">${assessmentLabels.sv[a.value]}</td><td data-label="Kommentar">${a.comment ?? ''}</td></tr>`)}
</tbody></table>`
    : ''}
<h3>Ändrade svar i kompletteringen</h3>
${previous.changes.length
    ? html`<table class="changes stack"><thead><tr><th scope="col">Fråga</th><th scope="col">Före</th><th scope="col">Efter</th></tr></thead><tbody>
${previous.changes.map((c) => html`<tr><th scope="row">${pathLabel(c.path)}</th><td data-label="Före"><del>${valueText(c.path, c.before)}</del></td><td data-label="Efter"><ins>${valueText(c.path, c.after)}</ins></td></tr>`)}
</tbody></table>`
    : html`<p>Inga svar ändrades.</p>`}
</section>`;
}

/** One criterion: its guidance, the answers it is judged on (beside the last certified ones), the assessment. */
function criterionFieldset(criterion: Criterion, ctx: { application: ApplicationRecord; context: ReviewContext; assessment: Assessment; errorsFor: (path: string) => string[] }) {
  const { application, context } = ctx;
  const entry = ctx.assessment[criterion.id] ?? {};
  const valueErrors = ctx.errorsFor(criterionField(criterion.id));
  const commentErrors = ctx.errorsFor(criterionCommentField(criterion.id));
  const id = `criterion-${criterion.id}`;
  const last = context.lastCertified;
  return html`<fieldset id="field-${id}"${valueErrors.length ? html` class="field-error"` : ''}>
<legend>${criterion.title.sv}</legend>
<p class="hint">${criterion.guidance.sv}</p>
<dl class="answers">
${criterionQuestionIds(criterion, application.applicationType).map((qid) => {
  const question = findQuestion(qid)!;
  return html`<dt>${question.label.sv}</dt><dd class="answer">${answerText(question, application.answers[qid])}${
    last ? html`<br><span class="hint">Förra certifierade ansökan (${last.certificateId}): ${answerText(question, last.answers[qid])}</span>` : ''
  }</dd>`;
})}
</dl>
<fieldset>
<legend class="label">Bedömning av ”${criterion.title.sv}”</legend>
${valueErrors.map((m) => html`<span class="error-message">${m}</span>`)}
${assessmentValues.map(
  (v) => html`<div class="checkbox"><input type="radio" name="${criterionField(criterion.id)}" id="${id}-${v}" value="${v}"${entry.value === v ? html` checked` : ''}><label for="${id}-${v}">${assessmentLabels.sv[v]}</label></div>`,
)}
</fieldset>
<div class="field${commentErrors.length ? ' field-error' : ''}">
<label for="${id}-comment">Kommentar om ”${criterion.title.sv}” <span class="optional">(frivilligt)</span></label>
<span class="hint">Visas för den sökande tillsammans med bedömningen.</span>
${commentErrors.map((m) => html`<span class="error-message">${m}</span>`)}
<textarea name="${criterionCommentField(criterion.id)}" id="${id}-comment" rows="3">${entry.comment ?? ''}</textarea>
</div>
</fieldset>`;
}

export interface ReviewPageOptions {
  application: ApplicationRecord;
  round: ReviewRound;
  reviewer: string;
  action: string;
  context: ReviewContext;
  errors?: { path: string; message: string }[];
  /** The reviewer's input to show again; default: the assessment saved on the round. */
  values?: { decision?: string; comment?: string; assessment?: Assessment };
  /** Shown after `decision=save`. */
  saved?: boolean;
}

/** Where an error's link in the summary leads. */
function anchorFor(path: string): string {
  if (path === 'comment') return 'field-comment';
  if (path === 'partners') return 'partners';
  if (path === 'criteria') return 'criteria';
  const criterion = /^criterion(?:Comment)?\.(.+)$/.exec(path);
  if (criterion) return path.startsWith('criterionComment.') ? `criterion-${criterion[1]}-comment` : `field-criterion-${criterion[1]}`;
  return 'field-decision';
}

/** The reviewer's page: the assessment of each criterion on its answers, the partners' answers, and the decision form. */
export function renderReviewPage(options: ReviewPageOptions): string {
  const { application, context, round, errors = [], values = {} } = options;
  const criteria = criteriaFor(application.applicationType);
  const assessment = values.assessment ?? round.assessment ?? {};
  const errorsFor = (path: string) => errors.filter((e) => e.path === path).map((e) => e.message);
  const commentError = errors.find((e) => e.path === 'comment');
  const decisionError = errors.find((e) => e.path === 'decision');
  const covered = new Set(criteria.flatMap((c) => c.questionIds));
  const others = questionsFor(application.applicationType).filter((q) => !covered.has(q.id));
  const body = html`
${heading(application)}
${errors.length ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">Beslutet kunde inte sparas</h2><ul>${errors.map((e) => html`<li><a href="#${anchorFor(e.path)}">${e.message}</a></li>`)}</ul></div>` : ''}
${options.saved ? html`<div class="notice" role="status"><h2>Bedömningen är sparad</h2><p>Du kan fortsätta senare via samma länk; inget beslut är fattat.</p></div>` : ''}
<p>Du granskar som <strong>${options.reviewer}</strong> (omgång ${round.round}). Bedöm varje kriterium utifrån svaren och fatta beslut längst ned. Inget ändras förrän du skickar; du kan också spara bedömningen och fortsätta senare.</p>
${round.assessmentSavedAt && !options.saved ? html`<p class="notice">Sparad bedömning från ${formatSwedishDateTime(round.assessmentSavedAt)} (${round.assessmentSavedBy ?? ''}) är ifylld nedan.</p>` : ''}
${partnerSection(context.partners)}
${previousRoundSection(context.previousRound, criteria)}
${organisationRecordSection(application, context.record)}
${organisationAndContact(application)}
<form method="post" action="${options.action}" class="decision-box" novalidate>
  <h2 id="criteria">Bedömning per kriterium</h2>
  ${errorsFor('criteria').map((m) => html`<p class="error-message">${m}</p>`)}
  ${context.lastCertified ? html`<p>Under varje svar står svaret i den senast certifierade ansökan (${context.lastCertified.applicationId}).</p>` : ''}
  ${criteria.map((c) => criterionFieldset(c, { application, context, assessment, errorsFor }))}
  ${others.length ? html`<h3>Övriga svar</h3><dl class="answers">${others.map((q) => html`<dt>${q.label.sv}</dt><dd class="answer">${answerText(q, application.answers[q.id])}</dd>`)}</dl>` : ''}
  <h2>Beslut</h2>
  <fieldset id="field-decision" ${decisionError ? html`aria-describedby="decision-error"` : ''}>
    <legend>Vad beslutar du?</legend>
    ${decisionError ? html`<span class="error-message" id="decision-error">${decisionError.message}</span>` : ''}
    ${reviewDecisions.map(
      (d) => html`<div class="checkbox"><input type="radio" name="decision" id="decision-${d}" value="${d}" ${values.decision === d ? 'checked' : ''}><label for="decision-${d}">${decisionLabels[d]}</label></div>`,
    )}
  </fieldset>
  <p class="hint">Godkännande kräver att alla kriterier är uppfyllda och att alla samverkanspartner har bekräftat. Komplettering gäller de kriterier som är delvis eller inte uppfyllda.</p>
  <div class="field ${commentError ? 'field-error' : ''}">
    <label for="field-comment">Kommentar till den sökande</label>
    <span class="hint" id="comment-hint">Krävs vid avslag och komplettering, högst ${formatLimit(maxCommentLength)} tecken. Texten skickas till den sökande.</span>
    ${commentError ? html`<span class="error-message" id="comment-error">${commentError.message}</span>` : ''}
    <textarea name="comment" id="field-comment" aria-describedby="comment-hint${commentError ? ' comment-error' : ''}" ${commentError ? html`aria-invalid="true"` : ''}>${values.comment ?? ''}</textarea>
  </div>
  <p><button type="submit">Skicka beslut</button> <button type="submit" name="decision" value="save">Spara bedömningen utan beslut</button></p>
</form>`;
  return renderPage({ title: `${errors.length ? 'Fel: ' : ''}Granska ${application.organisation.name} (${application.id})`, lang: 'sv', body });
}

/** What the decision led to, as far as it is known when the page is made. */
function outcome(application: ApplicationRecord, decision: RecordedDecision): HtmlSafeString {
  const certificateId = application.certificateId;
  switch (decision.decision) {
    case 'approve':
      return certificateId
        ? html`<p>Utfall: <strong>godkänd</strong>. Certifikatet har nummer <strong>${certificateId}</strong>.</p>
<ul><li><a href="${href(paths.certificate(certificateId))}">Certifikatet ${certificateId} (offentlig sida)</a></li><li><a href="${href(paths.register)}">QM-registret</a></li></ul>`
        : html`<p>Utfall: <strong>godkänd</strong>. Certifikatet utfärdas nu; dess nummer och länk visas här när du öppnar granskningslänken igen.</p>
<ul><li><a href="${href(paths.register)}">QM-registret</a></li></ul>`;
    case 'reject':
      return html`<p>Utfall: <strong>avslag</strong>. Den sökande får motiveringen via e-post.</p>`;
    case 'request_completion':
      return html`<p>Utfall: <strong>komplettering begärd</strong>. Den sökande får en länk till ett ifyllt formulär för att komplettera.</p>`;
  }
}

/**
 * After the decision, and on a used link: who decided what and when, what it led to, and the
 * application as it was decided on (read-only), so that a second reviewer sees what was decided.
 */
export function renderDecisionMade(application: ApplicationRecord, decision: RecordedDecision, options: { justNow: boolean }): string {
  const title = options.justNow ? 'Beslutet är registrerat' : 'Beslut är redan fattat';
  const body = html`
${heading(application)}
<div class="notice" role="status">
  <h2>${title}</h2>
  <p>${decision.decidedBy} ${decisionPastTense[decision.decision]} ${formatSwedishDateTime(decision.decidedAt)}.</p>
  ${outcome(application, decision)}
  ${decision.comment ? html`<p>Kommentar till den sökande:</p><blockquote class="quote">${decision.comment}</blockquote>` : ''}
  ${options.justNow ? html`<p>Den sökande får besked via e-post.</p>` : html`<p>Ett nytt beslut kan inte fattas via den här länken.</p>`}
</div>
<h2>Ansökan som beslutet gäller</h2>
${applicationSummary(application, { headingLevel: 3 })}`;
  return renderPage({ title: `${title}: ${application.organisation.name} (${application.id})`, lang: 'sv', body });
}

export function renderReviewLinkEnded(application: ApplicationRecord): string {
  const body = html`${heading(application)}
<div class="notice"><h2>Länken gäller inte längre</h2><p>Granskningsomgången är avslutad utan beslut via den här länken. Kontakta QM-ansvarig på Svenska Stadskärnor om ansökan fortfarande behöver granskas.</p></div>`;
  return renderPage({ title: `Länken gäller inte längre: ${application.id}`, lang: 'sv', body });
}

export function renderReviewLinkUnknown(): string {
  return renderLinkNotFoundPage('Vi hittar ingen granskning för den här länken.');
}
