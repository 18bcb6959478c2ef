import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { dependencies } from '../adapters/dependencies.js';
import { applicationBodyFromForm, extractFormMeta } from '../domain/application-form.js';
import { validateApplication } from '../domain/application.schema.js';
import type { ApplicationSubmission } from '../domain/application.schema.js';
import { httpHandler } from '../lambda/http-handler.js';
import { AppMetric, MetricUnit, metrics } from '../lambda/metrics.js';
import { HttpProblem, problemTypes, type ProblemFieldError } from '../http/http-problem.js';
import { parseRequestBody } from '../http/request-body.js';
import { receivedCookie } from '../http/received-notice.js';
import { htmlResponse, jsonResponse, redirectResponse, type HttpResult } from '../http/responses.js';
import { renderApplyForm } from '../templates/apply-form.template.js';
import { uiMessages } from '../templates/messages.js';
import { renderValidationErrors, validationMessages } from '../templates/validation-messages.js';
import { renderRevisionNotOpen } from '../templates/revision-form.template.js';
import { normaliseOrganisationNumber } from '../domain/organisation-number.js';
import { fieldError } from '../domain/validation-error.js';
import { renderAwaitingConfirmationReceipt, renderSubmissionReceipt } from '../templates/submission-receipt.template.js';
import { isMember, submitApplication, type SubmitApplicationResult } from '../use-cases/submit-application.use-case.js';

// The refusals' words are the validation messages' (Swedish in the problem's detail; the field
// errors in the reader's language).
const say = validationMessages.sv;

/** POST /applications: the JSON API and the HTML form share validation and the use case. */
export const handler = httpHandler(async (event) => {
  const body = parseRequestBody(event);
  return body.kind === 'json' ? submitJson(event, body.value) : submitForm(body.fields);
});

async function submitJson(event: APIGatewayProxyEventV2, value: unknown): Promise<HttpResult> {
  const validation = validateApplication(value);
  if (!validation.ok) {
    const errors = await withMembership(validation.errors, value);
    throw validationProblem(errors, validation.errorCount + errors.length - validation.errors.length);
  }
  const idempotencyKey = event.headers['idempotency-key']?.trim() || undefined;
  if (idempotencyKey && idempotencyKey.length > 255) {
    throw validationProblem([{ path: 'Idempotency-Key', code: 'idempotency_key_too_long', params: { max: 255 } }]);
  }
  const result = await submit(validation.value, idempotencyKey);
  switch (result.kind) {
    case 'accepted': {
      const replayed: Record<string, string> = result.replayed ? { 'idempotent-replayed': 'true' } : {};
      const { receipt } = result;
      // 202: stored, but nothing happens until the member confirms who applies.
      if (receipt.status === 'awaiting_confirmation') return jsonResponse(202, receipt, replayed);
      return jsonResponse(201, receipt, { location: receipt.statusUrl, ...replayed });
    }
    case 'not_member':
      throw new HttpProblem(403, 'Endast medlemmar kan ansöka', say.not_member(), { type: problemTypes.notMember });
    case 'revision_not_open':
      throw new HttpProblem(403, 'Revidering är inte möjlig', uiMessages.sv.revisionRefusal(result.refusal), { type: problemTypes.revisionNotOpen });
    case 'application_open':
      throw new HttpProblem(409, 'En ansökan pågår redan', say.application_open(), { type: problemTypes.applicationInProgress });
    case 'idempotency_key_reused':
      throw new HttpProblem(422, 'Idempotensnyckeln är redan använd', say.idempotency_key_reused(), { type: problemTypes.idempotencyKeyReused });
    case 'in_progress':
      throw new HttpProblem(409, 'Ansökan behandlas redan', say.request_in_progress(), {
        type: problemTypes.requestInProgress,
        headers: { 'retry-after': '5' },
      });
  }
}

async function submitForm(fields: Record<string, string | string[]>): Promise<HttpResult> {
  const meta = extractFormMeta(fields);
  const body = applicationBodyFromForm(fields);
  const rerender = (status: number, errors: ProblemFieldError[]) =>
    htmlResponse(
      status,
      // The same key again, so that sending the corrected form (or retrying after "in progress")
      // gets the first receipt instead of making a second application.
      renderApplyForm({ type: meta.type, locale: meta.locale ?? 'sv', values: fields, errors, idempotencyKey: meta.idempotencyKey ?? randomUUID() }),
    );

  const validation = validateApplication(body);
  if (!validation.ok) return rerender(400, await withMembership(validation.errors, body));
  // A bot filled the honeypot: it gets an ordinary-looking receipt; nothing is stored or mailed.
  if (meta.honeypotFilled) return htmlResponse(200, renderSubmissionReceipt(meta.locale ?? 'sv'));
  const result = await submit(validation.value, meta.idempotencyKey);
  switch (result.kind) {
    case 'accepted':
      if (result.receipt.status === 'awaiting_confirmation') return htmlResponse(202, renderAwaitingConfirmationReceipt(result.receipt, meta.locale ?? 'sv', dependencies().config.MEMBER_CONFIRMATION_DAYS));
      // To the clean URL, the one worth bookmarking; the cookie shows the "received" notice once.
      return { ...redirectResponse(result.receipt.statusUrl), cookies: [receivedCookie(result.receipt.id)] };
    case 'application_open':
      return rerender(409, [fieldError('organisation.organisationNumber', 'application_open')]);
    case 'not_member':
      return rerender(403, [fieldError('organisation.organisationNumber', 'not_member')]);
    case 'revision_not_open':
      return htmlResponse(403, renderRevisionNotOpen(result.refusal, meta.locale ?? 'sv'));
    case 'idempotency_key_reused':
      return rerender(422, [fieldError('idempotencyKey', 'idempotency_key_reused')]);
    case 'in_progress':
      return rerender(409, [fieldError('idempotencyKey', 'request_in_progress')]);
  }
}

async function submit(submission: ApplicationSubmission, idempotencyKey: string | undefined): Promise<SubmitApplicationResult> {
  const deps = dependencies();
  const result = await submitApplication(
    {
      ...deps,
      publicBaseUrl: deps.config.PUBLIC_BASE_URL,
      revisionGraceMonths: deps.config.REVISION_GRACE_MONTHS,
      revisionOpensDaysBefore: Math.max(...deps.config.RENEWAL_REMINDER_DAYS),
    },
    { submission, idempotencyKey },
  );
  if (result.kind === 'accepted') metrics.addMetric(AppMetric.ApplicationsSubmitted, MetricUnit.Count, 1);
  return result;
}

/**
 * The membership error belongs with the field errors: an applicant should not fix every other field
 * only to learn that the organisation cannot apply at all.
 */
async function withMembership(errors: ProblemFieldError[], body: unknown): Promise<ProblemFieldError[]> {
  const path = 'organisation.organisationNumber';
  if (errors.some((e) => e.path === path)) return errors;
  const typed = (body as { organisation?: { organisationNumber?: unknown } } | null)?.organisation?.organisationNumber;
  const organisationNumber = typeof typed === 'string' ? normaliseOrganisationNumber(typed) : null;
  if (!organisationNumber) return errors;
  if (await isMember(dependencies(), organisationNumber)) return errors;
  return [fieldError(path, 'not_member'), ...errors];
}

function validationProblem(errors: ProblemFieldError[], errorCount = errors.length): HttpProblem {
  const detail = errorCount === 1 ? 'Ansökan har 1 fel. Rätta det och skicka igen.' : `Ansökan har ${errorCount} fel. Rätta dem och skicka igen.`;
  return new HttpProblem(400, 'Ansökan innehåller fel', detail, {
    type: problemTypes.validation,
    errors: { items: errors, word: renderValidationErrors },
  });
}
