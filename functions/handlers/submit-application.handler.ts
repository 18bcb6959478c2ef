import { submissionDependencies } from '../adapters/submission-dependencies.js';
import { applicationBodyFromForm, extractFormMeta } from '../domain/application-form.js';
import { parseRequestBody } from '../http/request-body.js';
import { formAnswer, jsonAnswer, validationProblem } from '../http/submission-responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { AppMetric, MetricUnit, metrics } from '../lambda/metrics.js';
import { applyForQualityMark, type SubmissionOutcome } from '../use-cases/submit-application.use-case.js';

const maxIdempotencyKeyLength = 255;

const counted = (outcome: SubmissionOutcome) => {
  if (outcome.kind === 'accepted') metrics.addMetric(AppMetric.ApplicationsSubmitted, MetricUnit.Count, 1);
  return outcome;
};

/** POST /applications: the JSON API and the HTML form share validation and the use case. */
export const handler = httpHandler(async (event) => {
  const body = parseRequestBody(event);
  const deps = submissionDependencies();
  if (body.kind === 'json') {
    const idempotencyKey = event.headers['idempotency-key']?.trim() || undefined;
    if (idempotencyKey && idempotencyKey.length > maxIdempotencyKeyLength) {
      throw validationProblem([{ path: 'Idempotency-Key', code: 'idempotency_key_too_long', params: { max: maxIdempotencyKeyLength } }]);
    }
    const outcome = counted(await applyForQualityMark(deps, { body: body.value, ...(idempotencyKey ? { idempotencyKey } : {}) }));
    return jsonAnswer(outcome);
  }
  const meta = extractFormMeta(body.fields);
  const outcome = counted(
    await applyForQualityMark(deps, { body: applicationBodyFromForm(body.fields), ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey } : {}), honeypotFilled: meta.honeypotFilled }),
  );
  return formAnswer(outcome, { meta, fields: body.fields, memberConfirmationDays: deps.memberConfirmationDays });
});
