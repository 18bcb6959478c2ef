import { frameOf, routedHandler, staffPage } from '../http/admin-http.js';
import { htmlResponse } from '../http/responses.js';
import { renderAdminMessage } from '../templates/admin-layout.template.js';
import { renderApplicationAdmin, renderAudit, renderCertificateAdmin, renderExports, renderMember, renderMembers, renderOverview } from '../templates/admin-pages.template.js';
import { viewApplication } from '../use-cases/admin/application-admin.use-case.js';
import { viewCertificate } from '../use-cases/admin/certificate-admin.use-case.js';
import { listMembers, viewMember } from '../use-cases/admin/member-admin.use-case.js';
import { programmeOverview } from '../use-cases/admin/overview.use-case.js';
import { paths } from '../http/paths.js';

const notFound = (frame: Parameters<typeof renderAdminMessage>[0], what: string) =>
  htmlResponse(404, renderAdminMessage(frame, 'Hittades inte', `${what} finns inte.`, { href: paths.admin.home, label: 'Till översikten' }));

/** The workspace's pages (reads only, apart from keeping the session alive). */
export const handler = routedHandler({
  'GET /admin': staffPage(async (event, staff, deps) => {
    const result = await programmeOverview(deps, event.queryStringParameters?.q);
    return htmlResponse(200, renderOverview(frameOf(staff), result));
  }),
  'GET /admin/applications/{id}': staffPage(async (event, staff, deps) => {
    const view = await viewApplication(deps, event.pathParameters?.id ?? '');
    return view ? htmlResponse(200, renderApplicationAdmin(frameOf(staff), view)) : notFound(frameOf(staff), 'Ansökan');
  }),
  'GET /admin/certificates/{certificateId}': staffPage(async (event, staff, deps) => {
    const view = await viewCertificate(deps, event.pathParameters?.certificateId ?? '');
    return view ? htmlResponse(200, renderCertificateAdmin(frameOf(staff), view)) : notFound(frameOf(staff), 'Certifikatet');
  }),
  'GET /admin/members': staffPage(async (event, staff, deps) => {
    const query = event.queryStringParameters?.q ?? '';
    return htmlResponse(200, renderMembers(frameOf(staff), await listMembers(deps, query), query));
  }),
  'GET /admin/members/{organisationNumber}': staffPage(async (event, staff, deps) => {
    const view = await viewMember(deps, event.pathParameters?.organisationNumber ?? '');
    return view ? htmlResponse(200, renderMember(frameOf(staff), view)) : notFound(frameOf(staff), 'Medlemmen');
  }),
  'GET /admin/audit': staffPage(async (_event, staff, deps) => htmlResponse(200, renderAudit(frameOf(staff), await deps.audit.latest()))),
  'GET /admin/exports': staffPage(async (_event, staff) => htmlResponse(200, renderExports(frameOf(staff)))),
});
