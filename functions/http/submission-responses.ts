import { randomUUID } from 'node:crypto';
import type { FormMeta } from '../domain/application-form.js';
import { fieldError, type ValidationError } from '../domain/validation-error.js';
import { renderApplyForm } from '../templates/apply-form.template.js';
import { uiMessages } from '../templates/messages.js';
import { renderRevisionNotOpen } from '../templates/revision-form.template.js';
import { renderAwaitingConfirmationReceipt, renderSubmissionReceipt } from '../templates/submission-receipt.template.js';
import { renderValidationErrors, validationMessages } from '../templates/validation-messages.js';
import type { SubmissionOutcome } from '../use-cases/submit-application.use-case.js';
import { HttpProblem, problemTypes } from './http-problem.js';
import { receivedCookie } from './received-notice.js';
import { htmlResponse, jsonResponse, redirectResponse, type HttpResult } from './responses.js';

// The refusals' words are the validation messages' (Swedish in the problem's detail; the field
// errors in the reader's language).
const say = validationMessages.sv;

/** 400 with the field errors, worded in the request's language by the problem middleware. */
export function validationProblem(errors: ValidationError[], errorCount = errors.length): HttpProblem {
  const detail = errorCount === 1 ? 'Ansökan har 1 fel. Rätta det och skicka igen.' : `Ansökan har ${errorCount} fel. Rätta dem och skicka igen.`;
  return new HttpProblem(400, 'Ansökan innehåller fel', detail, {
    type: problemTypes.validation,
    errors: { items: errors, word: renderValidationErrors },
  });
}

/** The JSON API's answer: 201 with the receipt (202 while the member confirms), or a problem. */
export function jsonAnswer(outcome: SubmissionOutcome): HttpResult {
  switch (outcome.kind) {
    case 'honeypot':
      // Only the form has the honeypot field; the API never asks about it.
      throw new Error('A honeypot outcome for the JSON API');
    case 'invalid':
      throw validationProblem(outcome.errors, outcome.errorCount);
    case 'accepted': {
      const replayed: Record<string, string> = outcome.replayed ? { 'idempotent-replayed': 'true' } : {};
      const { receipt } = outcome;
      // 202: stored, but nothing happens until the member confirms who applies.
      if (receipt.status === 'awaiting_confirmation') return jsonResponse(202, receipt, replayed);
      return jsonResponse(201, receipt, { location: receipt.statusUrl, ...replayed });
    }
    case 'not_member':
      throw new HttpProblem(403, 'Endast medlemmar kan ansöka', say.not_member(), { type: problemTypes.notMember });
    case 'revision_not_open':
      throw new HttpProblem(403, 'Revidering är inte möjlig', uiMessages.sv.revisionRefusal(outcome.refusal), { type: problemTypes.revisionNotOpen });
    case 'application_open':
      throw new HttpProblem(409, 'En ansökan pågår redan', say.application_open(), { type: problemTypes.applicationInProgress });
    case 'idempotency_key_reused':
      throw new HttpProblem(422, 'Idempotensnyckeln är redan använd', say.idempotency_key_reused(), { type: problemTypes.idempotencyKeyReused });
    case 'in_progress':
      throw new HttpProblem(409, 'Ansökan behandlas redan', say.request_in_progress(), { type: problemTypes.requestInProgress, headers: { 'retry-after': '5' } });
  }
}

/**
 * The form's answer: to the status page (the clean URL, worth bookmarking; the cookie shows the
 * "received" notice once), a receipt page, or the form again with the errors and the same key, so
 * that sending the corrected form (or retrying after "in progress") gets the first receipt instead
 * of making a second application.
 */
export function formAnswer(outcome: SubmissionOutcome, form: { meta: FormMeta; fields: Record<string, string | string[]>; memberConfirmationDays: number }): HttpResult {
  const { meta, fields } = form;
  const locale = meta.locale ?? 'sv';
  const again = (status: number, errors: ValidationError[]) =>
    htmlResponse(status, renderApplyForm({ type: meta.type, locale, values: fields, errors, idempotencyKey: meta.idempotencyKey ?? randomUUID() }));
  switch (outcome.kind) {
    case 'invalid':
      return again(400, outcome.errors);
    case 'honeypot':
      return htmlResponse(200, renderSubmissionReceipt(locale));
    case 'accepted':
      if (outcome.receipt.status === 'awaiting_confirmation') return htmlResponse(202, renderAwaitingConfirmationReceipt(outcome.receipt, locale, form.memberConfirmationDays));
      return { ...redirectResponse(outcome.receipt.statusUrl), cookies: [receivedCookie(outcome.receipt.id)] };
    case 'application_open':
      return again(409, [fieldError('organisation.organisationNumber', 'application_open')]);
    case 'not_member':
      return again(403, [fieldError('organisation.organisationNumber', 'not_member')]);
    case 'revision_not_open':
      return htmlResponse(403, renderRevisionNotOpen(outcome.refusal, locale));
    case 'idempotency_key_reused':
      return again(422, [fieldError('idempotencyKey', 'idempotency_key_reused')]);
    case 'in_progress':
      return again(409, [fieldError('idempotencyKey', 'request_in_progress')]);
  }
}
