import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../lib/zod.js';
import type { AdminDependencies } from '../adapters/admin-dependencies.js';
import { isCalendarDate, stockholmDate } from '../domain/calendar-date.js';
import { organisationNumberSchema } from '../domain/organisation-number.js';
import { swedishIssueMessage } from '../templates/validation-messages.js';
import { frameOf, routedHandler, staffAction, type AdminForm } from '../http/admin-http.js';
import { htmlResponse, redirectResponse, type HttpResult } from '../http/responses.js';
import { renderAdminMessage } from '../templates/admin-layout.template.js';
import { renderApplicationAdmin, renderCertificateAdmin, renderImportReport, renderMember, renderMembers } from '../templates/admin-pages.template.js';
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
import { endMembership, importMembersCsv, listMembers, saveMember, viewMember } from '../use-cases/admin/member-admin.use-case.js';
import type { SignedInStaff } from '../use-cases/staff-sign-in.use-case.js';

const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `Högst ${max} tecken.`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Högst ${max} tecken.`)
    .optional()
    .transform((v) => (v ? v : undefined));
const reason = text(2000, 'Skriv ett skäl.');
const futureDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((d) => isCalendarDate(d), message);
const addressList = (max: number) =>
  z
    .string({ error: 'Skriv minst en e-postadress.' })
    .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
    .pipe(z.array(z.email('Ogiltig e-postadress.')).min(1, 'Skriv minst en e-postadress.').max(max, `Högst ${max} adresser.`));

const schemas = {
  reviewers: z.object({ reviewers: addressList(10), reason: optionalText(2000) }),
  extend: z.object({ deadline: futureDate('Välj ett giltigt datum.'), reason }),
  withdraw: z.object({ reason }),
  overridePartners: z.object({ reason }),
  retry: z.object({ reason: optionalText(2000) }),
  note: z.object({ note: text(4000, 'Skriv en anteckning.') }),
  revoke: z.object({ reason }),
  correct: z.object({ organisationName: text(200, 'Skriv organisationens namn.'), town: text(100, 'Skriv orten.'), reason }),
  member: z.object({ organisationNumber: organisationNumberSchema, name: text(200, 'Namn saknas.'), town: text(100, 'Ort saknas.'), emails: addressList(10), reason: optionalText(2000) }),
  end: z.object({ lastDay: futureDate('Välj ett giltigt datum.'), reason }),
};

type Parsed<S extends z.ZodType> = { ok: true; value: z.infer<S> } | { ok: false; errors: string[] };

function parse<S extends z.ZodType>(schema: S, form: AdminForm): Parsed<S> {
  const result = schema.safeParse(form.fields);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: result.error.issues.map((i) => swedishIssueMessage(i.message)) };
}

/** After a refused or invalid action: the item's page again with the errors, nothing changed. */
async function applicationAnswer(deps: AdminDependencies, staff: SignedInStaff, id: string, outcome: ActionOutcome | { ok: false; status: 400; errors: string[] }): Promise<HttpResult> {
  if (outcome.ok) return redirectResponse(`/admin/applications/${id}`);
  const view = await viewApplication(deps, id);
  if (!view) return htmlResponse(404, renderAdminMessage(frameOf(staff), 'Hittades inte', 'Ansökan finns inte.', { href: '/admin', label: 'Till översikten' }));
  return htmlResponse(outcome.status, renderApplicationAdmin(frameOf(staff), view, 'errors' in outcome ? outcome.errors : [outcome.message]));
}

async function certificateAnswer(deps: AdminDependencies, staff: SignedInStaff, id: string, outcome: ActionOutcome | { ok: false; status: 400; errors: string[] }): Promise<HttpResult> {
  if (outcome.ok) return redirectResponse(`/admin/certificates/${id}`);
  const view = await viewCertificate(deps, id);
  if (!view) return htmlResponse(404, renderAdminMessage(frameOf(staff), 'Hittades inte', 'Certifikatet finns inte.', { href: '/admin', label: 'Till översikten' }));
  return htmlResponse(outcome.status, renderCertificateAdmin(frameOf(staff), view, 'errors' in outcome ? outcome.errors : [outcome.message]));
}

const invalid = (errors: string[]) => ({ ok: false as const, status: 400 as const, errors });
const appId = (event: APIGatewayProxyEventV2) => event.pathParameters?.id ?? '';
const certId = (event: APIGatewayProxyEventV2) => event.pathParameters?.certificateId ?? '';

/** The workspace's state-changing forms: each needs the session's csrf token and lands in the audit log. */
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
  'POST /admin/members': staffAction(async (_event, staff, form, deps) => {
    const input = parse(schemas.member, form);
    if (!input.ok) {
      const existing = form.fields.organisationNumber ? await viewMember(deps, form.fields.organisationNumber) : undefined;
      const values = { organisationNumber: form.fields.organisationNumber ?? '', name: form.fields.name ?? '', town: form.fields.town ?? '', emails: form.fields.emails ?? '' };
      if (existing) return htmlResponse(400, renderMember(frameOf(staff), existing, input.errors, values));
      return htmlResponse(400, renderMembers(frameOf(staff), await listMembers(deps, ''), '', { errors: input.errors, values }));
    }
    const { organisationNumber, name, town, emails, reason: why } = input.value;
    await saveMember(deps, staff.email, { organisationNumber, name, town, emails }, why);
    return redirectResponse(`/admin/members/${organisationNumber}`);
  }),
  'POST /admin/members/{organisationNumber}/end': staffAction(async (event, staff, form, deps) => {
    const organisationNumber = event.pathParameters?.organisationNumber ?? '';
    const input = parse(schemas.end, form);
    const outcome = input.ok ? await endMembership(deps, staff.email, organisationNumber, input.value.lastDay, input.value.reason) : invalid(input.errors);
    if (outcome.ok) return redirectResponse(`/admin/members/${organisationNumber}`);
    const view = await viewMember(deps, organisationNumber);
    if (!view) return htmlResponse(404, renderAdminMessage(frameOf(staff), 'Hittades inte', 'Medlemmen finns inte.', { href: '/admin/members', label: 'Till medlemmarna' }));
    return htmlResponse(outcome.status, renderMember(frameOf(staff), view, 'errors' in outcome ? outcome.errors : [outcome.message]));
  }),
  'POST /admin/members/import': staffAction(async (_event, staff, form, deps) => {
    const file = form.files.find((f) => f.field === 'file');
    if (!file || file.content.length === 0) {
      return htmlResponse(400, renderAdminMessage(frameOf(staff), 'Ingen fil', 'Välj en CSV-fil med medlemsregistret.', { href: '/admin/members', label: 'Tillbaka' }));
    }
    const result = await importMembersCsv(deps, staff.email, file.fileName, file.content.toString('utf8'));
    if (!result.ok) return htmlResponse(400, renderAdminMessage(frameOf(staff), 'Filen kunde inte läsas in', result.message, { href: '/admin/members', label: 'Tillbaka' }));
    return htmlResponse(200, renderImportReport(frameOf(staff), file.fileName, result.report));
  }),
});
