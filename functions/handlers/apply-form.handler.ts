import { randomUUID } from 'node:crypto';
import { dependencies } from '../adapters/dependencies.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { applicationToFormValues, extractFormMeta } from '../domain/application-form.js';
import { knownFormFields } from '../domain/self-evaluation.js';
import { parseFormBody } from '../http/form-body.js';
import { prefilledFromSelfEvaluation } from '../templates/self-evaluation.template.js';
import { htmlResponse, type HttpResult } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderApplyForm } from '../templates/apply-form.template.js';
import { pickLocale } from '../templates/messages.js';
import type { Locale } from '../domain/locale.js';
import { openRevisionLink } from '../use-cases/revision-link.use-case.js';
import {
  renderRevisionLinkExpired,
  renderRevisionLinkNotFound,
  renderRevisionNotOpen,
  revisionIntro,
} from '../templates/revision-form.template.js';

/**
 * POST /apply: the application form prefilled with posted answers ("Använd som ansökan" on the
 * self-evaluation summary). It only renders: nothing is stored and nothing is validated yet, since
 * the applicant has not applied; submitting the form (POST /applications) does that.
 */
function prefilledFromPost(event: APIGatewayProxyEventV2): HttpResult {
  const posted = parseFormBody(event);
  const meta = extractFormMeta(posted);
  const locale = meta.locale ?? pickLocale(event.queryStringParameters?.lang);
  return htmlResponse(
    200,
    renderApplyForm({
      type: meta.type,
      locale,
      values: knownFormFields(posted, meta.type),
      intro: prefilledFromSelfEvaluation(locale),
      idempotencyKey: randomUUID(),
    }),
  );
}

/**
 * GET /apply (full application) and /apply?type=revision. Each rendering carries a fresh
 * idempotency key, so a double-clicked submit creates one application. With `&token=` (the private
 * link of a renewal reminder) the revision form is prefilled from the organisation's last approved
 * application.
 */
export const handler = httpHandler(async (event) => {
  if (event.requestContext.http.method === 'POST') return prefilledFromPost(event);
  const query = event.queryStringParameters ?? {};
  const type = query.type === 'revision' ? 'revision' : 'full';
  const locale = pickLocale(query.lang);
  if (type === 'revision' && query.token !== undefined) return prefilledRevision(query.token, locale);
  return htmlResponse(200, renderApplyForm({ type, locale, idempotencyKey: randomUUID() }));
});

/** The revision form from a reminder's private link, prefilled; or why not (openRevisionLink). */
async function prefilledRevision(token: string, locale: Locale): Promise<HttpResult> {
  const { applications, certificates, renewals, config, now } = dependencies();
  const outcome = await openRevisionLink(
    { applications, certificates, renewals, now, revisionGraceMonths: config.REVISION_GRACE_MONTHS, revisionOpensDaysBefore: Math.max(...config.RENEWAL_REMINDER_DAYS) },
    token,
  );
  switch (outcome.kind) {
    case 'not_found':
      return htmlResponse(404, renderRevisionLinkNotFound());
    case 'expired':
      return htmlResponse(410, renderRevisionLinkExpired(outcome.expiresOn));
    case 'not_open':
      return htmlResponse(outcome.refusal.reason === 'window_closed' ? 410 : 403, renderRevisionNotOpen(outcome.refusal));
    case 'open': {
      const { application, eligibility } = outcome;
      const values = applicationToFormValues(
        {
          type: application.applicationType,
          organisation: application.organisation,
          contact: application.contact,
          partners: application.partners,
          answers: application.answers,
          locale: application.locale,
        },
        { forType: 'revision' },
      );
      const intro = revisionIntro(
        { certificateId: eligibility.certificateId, applicationId: application.id, validUntil: eligibility.validUntil, windowEnd: eligibility.windowEnd, standing: eligibility.standing },
        locale,
      );
      return htmlResponse(200, renderApplyForm({ type: 'revision', locale, values, intro, idempotencyKey: randomUUID() }));
    }
  }
}
