import * as z from '../lib/zod.js';
import { organisationNumberSchema } from '../domain/organisation-number.js';
import { addressList, futureDate, optionalText, parse, reason, text } from '../http/admin-forms.js';
import { frameOf, routedHandler, staffAction } from '../http/admin-http.js';
import { htmlResponse, redirectResponse } from '../http/responses.js';
import { renderAdminMessage } from '../templates/admin-layout.template.js';
import { swedishIssueMessage } from '../templates/validation-messages.js';
import { renderImportReport, renderMember, renderMembers } from '../templates/admin-pages.template.js';
import { endMembership, importMembersCsv, listMembers, saveMember, viewMember } from '../use-cases/admin/member-admin.use-case.js';
import { paths } from '../http/paths.js';

const schemas = {
  member: z.object({ organisationNumber: organisationNumberSchema, name: text(200, 'Namn saknas.'), town: text(100, 'Ort saknas.'), emails: addressList(10), reason: optionalText(2000) }),
  end: z.object({ lastDay: futureDate('Välj ett giltigt datum.'), reason }),
};

const invalid = (errors: string[]) => ({ ok: false as const, status: 400 as const, errors });

/**
 * The member register's forms (add or change a member, end a membership, import the register as
 * CSV), apart from the other workspace actions so that only this function carries the CSV parser.
 * Each needs the session's csrf token and lands in the audit log.
 */
export const handler = routedHandler({
  'POST /admin/members': staffAction(async (_event, staff, form, deps) => {
    const input = parse(schemas.member, form, swedishIssueMessage);
    if (!input.ok) {
      const existing = form.fields.organisationNumber ? await viewMember(deps, form.fields.organisationNumber) : undefined;
      const values = { organisationNumber: form.fields.organisationNumber ?? '', name: form.fields.name ?? '', town: form.fields.town ?? '', emails: form.fields.emails ?? '' };
      if (existing) return htmlResponse(400, renderMember(frameOf(staff), existing, input.errors, values));
      return htmlResponse(400, renderMembers(frameOf(staff), await listMembers(deps, ''), '', { errors: input.errors, values }));
    }
    const { organisationNumber, name, town, emails, reason: why } = input.value;
    await saveMember(deps, staff.email, { organisationNumber, name, town, emails }, why);
    return redirectResponse(paths.admin.member(organisationNumber));
  }),
  'POST /admin/members/{organisationNumber}/end': staffAction(async (event, staff, form, deps) => {
    const organisationNumber = event.pathParameters?.organisationNumber ?? '';
    const input = parse(schemas.end, form);
    const outcome = input.ok ? await endMembership(deps, staff.email, organisationNumber, input.value.lastDay, input.value.reason) : invalid(input.errors);
    if (outcome.ok) return redirectResponse(paths.admin.member(organisationNumber));
    const view = await viewMember(deps, organisationNumber);
    if (!view) return htmlResponse(404, renderAdminMessage(frameOf(staff), 'Hittades inte', 'Medlemmen finns inte.', { href: paths.admin.members, label: 'Till medlemmarna' }));
    return htmlResponse(outcome.status, renderMember(frameOf(staff), view, 'errors' in outcome ? outcome.errors : [outcome.message]));
  }),
  'POST /admin/members/import': staffAction(async (_event, staff, form, deps) => {
    const file = form.files.find((f) => f.field === 'file');
    if (!file || file.content.length === 0) {
      return htmlResponse(400, renderAdminMessage(frameOf(staff), 'Ingen fil', 'Välj en CSV-fil med medlemsregistret.', { href: paths.admin.members, label: 'Tillbaka' }));
    }
    const result = await importMembersCsv(deps, staff.email, file.fileName, file.content.toString('utf8'));
    if (!result.ok) return htmlResponse(400, renderAdminMessage(frameOf(staff), 'Filen kunde inte läsas in', result.message, { href: paths.admin.members, label: 'Tillbaka' }));
    return htmlResponse(200, renderImportReport(frameOf(staff), file.fileName, result.report));
  }),
});
