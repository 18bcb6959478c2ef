import { randomUUID } from 'node:crypto';
import { dependencies } from '../adapters/dependencies.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { applicationToFormValues, extractFormMeta } from '../domain/application-form.js';
import { knownFormFields } from '../domain/self-evaluation.js';
import { parseFormBody } from '../http/form-body.js';
import { prefilledFromSelfEvaluation } from '../templates/self-evaluation.template.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { revisionEligibility } from '../domain/revision-eligibility.js';
import { hashToken, isWellFormedToken } from '../domain/secret-token.js';
import { htmlResponse, type HttpResult } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderApplyForm } from '../templates/apply-form.template.js';
import { pickLocale } from '../templates/messages.js';
import type { Locale } from '../domain/locale.js';
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

async function prefilledRevision(token: string, locale: Locale): Promise<HttpResult> {
  if (!isWellFormedToken(token)) return htmlResponse(404, renderRevisionLinkNotFound());
  const { applications, certificates, renewals, config, now } = dependencies();
  const link = await renewals.findRevisionLink(hashToken(token));
  if (!link) return htmlResponse(404, renderRevisionLinkNotFound());
  const today = stockholmDate(now());
  if (today > link.expiresOn) return htmlResponse(410, renderRevisionLinkExpired(link.expiresOn));

  // The organisation's latest certificate (it may have been renewed since the reminder was sent).
  const latest = await certificates.latestForOrganisation(link.organisationNumber);
  const eligibility = revisionEligibility(
    latest && { certificateId: latest.latestCertificateId, validUntil: latest.latestValidUntil },
    today,
    config.REVISION_GRACE_MONTHS,
    Math.max(...config.RENEWAL_REMINDER_DAYS),
  );
  if (!eligibility.open) return htmlResponse(eligibility.reason === 'window_closed' ? 410 : 403, renderRevisionNotOpen(eligibility));

  const applicationId = latest?.latestApplicationId ?? link.applicationId;
  const application = await applications.get(applicationId);
  if (!application) return htmlResponse(404, renderRevisionLinkNotFound());

  const values = applicationToFormValues(
    {
      type: application.applicationType,
      organisation: application.organisation,
      contact: application.contact,
      partners: application.partners,
      answers: application.answers as Parameters<typeof applicationToFormValues>[0]['answers'],
      locale: application.locale,
    },
    { forType: 'revision' },
  );
  const intro = revisionIntro(
    { certificateId: eligibility.certificateId, applicationId, validUntil: eligibility.validUntil, windowEnd: eligibility.windowEnd, standing: eligibility.standing },
    locale,
  );
  return htmlResponse(200, renderApplyForm({ type: 'revision', locale, values, intro, idempotencyKey: randomUUID() }));
}
