import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../lib/zod.js';
import type { AdminDependencies } from '../adapters/admin-dependencies.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { addressList, futureDate, optionalText, parse, reason, text } from '../http/admin-forms.js';
import { frameOf, routedHandler, staffAction } from '../http/admin-http.js';
import { htmlResponse, redirectResponse, type HttpResult } from '../http/responses.js';
import { renderAdminMessage } from '../templates/admin-layout.template.js';
import { renderApplicationAdmin, renderCertificateAdmin } from '../templates/admin-pages.template.js';
import type { ActionOutcome } from '../use-cases/admin/admin-deps.js';
import {
  addNote,
  changeReviewers,
  extendCompletion,
  overridePartners,
  resendReviewLinks,
  retryApplication,
  viewApplication,
  withdrawApplication,
} from '../use-cases/admin/application-admin.use-case.js';
import { correctCertificate, revokeCertificate, viewCertificate } from '../use-cases/admin/certificate-admin.use-case.js';
import type { SignedInStaff } from '../use-cases/staff-sign-in.use-case.js';
import { paths } from '../http/paths.js';

const schemas = {
  reviewers: z.object({ reviewers: addressList(10), reason: optionalText(2000) }),
  extend: z.object({ deadline: futureDate('Välj ett giltigt datum.'), reason }),
  withdraw: z.object({ reason }),
  overridePartners: z.object({ reason }),
  retry: z.object({ reason: optionalText(2000) }),
  note: z.object({ note: text(4000, 'Skriv en anteckning.') }),
  revoke: z.object({ reason }),
  correct: z.object({ organisationName: text(200, 'Skriv organisationens namn.'), town: text(100, 'Skriv orten.'), reason }),
};

/** After a refused or invalid action: the item's page again with the errors, nothing changed. */
async function applicationAnswer(deps: AdminDependencies, staff: SignedInStaff, id: string, outcome: ActionOutcome | { ok: false; status: 400; errors: string[] }): Promise<HttpResult> {
  if (outcome.ok) return redirectResponse(paths.admin.application(id));
  const view = await viewApplication(deps, id);
  if (!view) return htmlResponse(404, renderAdminMessage(frameOf(staff), 'Hittades inte', 'Ansökan finns inte.', { href: paths.admin.home, label: 'Till översikten' }));
  return htmlResponse(outcome.status, renderApplicationAdmin(frameOf(staff), view, 'errors' in outcome ? outcome.errors : [outcome.message]));
}

async function certificateAnswer(deps: AdminDependencies, staff: SignedInStaff, id: string, outcome: ActionOutcome | { ok: false; status: 400; errors: string[] }): Promise<HttpResult> {
  if (outcome.ok) return redirectResponse(paths.admin.certificate(id));
  const view = await viewCertificate(deps, id);
  if (!view) return htmlResponse(404, renderAdminMessage(frameOf(staff), 'Hittades inte', 'Certifikatet finns inte.', { href: paths.admin.home, label: 'Till översikten' }));
  return htmlResponse(outcome.status, renderCertificateAdmin(frameOf(staff), view, 'errors' in outcome ? outcome.errors : [outcome.message]));
}

const invalid = (errors: string[]) => ({ ok: false as const, status: 400 as const, errors });
const appId = (event: APIGatewayProxyEventV2) => event.pathParameters?.id ?? '';
const certId = (event: APIGatewayProxyEventV2) => event.pathParameters?.certificateId ?? '';

/**
 * The workspace's state-changing forms on applications and certificates (the member register's are
 * in admin-members.handler.ts, which alone carries the CSV parser): each needs the session's csrf token and lands in the audit log. */
export const handler = routedHandler({
  'POST /admin/applications/{id}/resend-review-links': staffAction(async (event, staff, _form, deps) =>
    applicationAnswer(deps, staff, appId(event), await resendReviewLinks(deps, staff.email, appId(event))),
  ),
  'POST /admin/applications/{id}/reviewers': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.reviewers, form);
    const outcome = input.ok ? await changeReviewers(deps, staff.email, appId(event), input.value.reviewers, input.value.reason) : invalid(input.errors);
    return applicationAnswer(deps, staff, appId(event), outcome);
  }),
  'POST /admin/applications/{id}/extend-completion': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.extend, form);
    const today = stockholmDate(deps.now());
    const outcome = !input.ok
      ? invalid(input.errors)
      : input.value.deadline < today
        ? invalid(['Den nya sista dagen kan inte ligga före i dag.'])
        : await extendCompletion(deps, staff.email, appId(event), input.value.deadline, input.value.reason);
    return applicationAnswer(deps, staff, appId(event), outcome);
  }),
  'POST /admin/applications/{id}/withdraw': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.withdraw, form);
    const outcome = input.ok ? await withdrawApplication(deps, staff.email, appId(event), input.value.reason) : invalid(input.errors);
    return applicationAnswer(deps, staff, appId(event), outcome);
  }),
  'POST /admin/applications/{id}/override-partners': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.overridePartners, form);
    const outcome = input.ok ? await overridePartners(deps, staff.email, appId(event), input.value.reason) : invalid(input.errors);
    return applicationAnswer(deps, staff, appId(event), outcome);
  }),
  'POST /admin/applications/{id}/retry': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.retry, form);
    const outcome = input.ok ? await retryApplication(deps, staff.email, appId(event), input.value.reason) : invalid(input.errors);
    return applicationAnswer(deps, staff, appId(event), outcome);
  }),
  'POST /admin/applications/{id}/notes': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.note, form);
    const outcome = input.ok ? await addNote(deps, staff.email, appId(event), input.value.note) : invalid(input.errors);
    return applicationAnswer(deps, staff, appId(event), outcome);
  }),
  'POST /admin/certificates/{certificateId}/revoke': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.revoke, form);
    const outcome = input.ok ? await revokeCertificate(deps, staff.email, certId(event), input.value.reason) : invalid(input.errors);
    return certificateAnswer(deps, staff, certId(event), outcome);
  }),
  'POST /admin/certificates/{certificateId}/correct': staffAction(async (event, staff, form, deps) => {
    const input = parse(schemas.correct, form);
    const outcome = input.ok
      ? await correctCertificate(deps, staff.email, certId(event), { organisationName: input.value.organisationName, town: input.value.town }, input.value.reason)
      : invalid(input.errors);
    return certificateAnswer(deps, staff, certId(event), outcome);
  }),
});
