import { describe, expect, it } from 'vitest';
import { absoluteUrl, applicationActions, certificateActions, exportFiles, paths } from '../../functions/http/paths.js';
import { httpFunctions } from '../../infra/lambda-functions.js';

/**
 * The paths people are sent to (functions/http/paths.ts) and the routes API Gateway serves
 * (infra/lambda-functions.ts) are written in two places; these tests keep them from drifting.
 */

/** A route key's path as a pattern: `{name}` stands for one whole segment, as in API Gateway. */
function routePattern(routeKey: string): RegExp {
  const path = routeKey.slice(routeKey.indexOf(' ') + 1);
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\{[^}/]+\}/g, '[^/]+')}$`);
}

const declaredRoutes = Object.values(httpFunctions)
  .flatMap((spec) => spec.routes as readonly string[])
  .filter((route) => route !== '$default');

/** Routes are matched on the path alone: the query string is the handler's, not API Gateway's. */
const pathOf = (link: string) => link.split('?')[0]!;

const routesMatching = (link: string) => declaredRoutes.filter((route) => routePattern(route).test(pathOf(link)));

// Arguments like the real ones: a 43-character secret token, issued numbers.
const token = 'Ab3_-'.repeat(8) + 'xyz';
const applicationId = 'A-20261127-AB12CD';
const certificateId = 'QM-2026-0042';
const organisationNumber = '802400-1234';
const date = '2026-11-27';

/** What every entry of `paths` builds, by its dotted name; builders with a closed set of arguments are built with each. */
const built: Record<string, string[]> = {
  home: [paths.home],
  privacy: [paths.privacy],
  styles: [paths.styles],
  register: [paths.register],
  registerCsv: [paths.registerCsv],
  registerCsvOn: [paths.registerCsvOn(date)],
  apply: [paths.apply],
  applyIn: [paths.applyIn(), paths.applyIn('sv'), paths.applyIn('en')],
  revisionForm: [paths.revisionForm],
  revision: [paths.revision(token), paths.revision(token, 'en')],
  applications: [paths.applications],
  selfEvaluation: [paths.selfEvaluation],
  selfEvaluationOf: [paths.selfEvaluationOf('full'), paths.selfEvaluationOf('revision', 'en')],
  selfEvaluationSummary: [paths.selfEvaluationSummary],
  selfEvaluationPdf: [paths.selfEvaluationPdf],
  status: [paths.status(token)],
  review: [paths.review(token)],
  completion: [paths.completion(token)],
  partner: [paths.partner(token)],
  memberConfirmation: [paths.memberConfirmation(token)],
  staffSignIn: [paths.staffSignIn(token)],
  // An id with a slash stays one segment: it is encoded.
  certificate: [paths.certificate(certificateId), paths.certificate(certificateId, 'en'), paths.certificate('QM/../admin')],
  certificateBadge: [paths.certificateBadge(certificateId), paths.certificateBadge(certificateId, 'en')],
  certificatePdf: [paths.certificatePdf(certificateId)],
  certificateJson: [paths.certificateJson(certificateId)],
  'api.register': [paths.api.register],
  'api.criteria': [paths.api.criteria],
  'api.registerOn': [paths.api.registerOn(date)],
  'api.applicationSchema': [paths.api.applicationSchema],
  'api.openapi': [paths.api.openapi],
  'admin.home': [paths.admin.home],
  'admin.signIn': [paths.admin.signIn],
  'admin.signOut': [paths.admin.signOut],
  'admin.members': [paths.admin.members],
  'admin.memberImport': [paths.admin.memberImport],
  'admin.audit': [paths.admin.audit],
  'admin.exports': [paths.admin.exports],
  'admin.export': exportFiles.map((file) => paths.admin.export(file)),
  'admin.application': [paths.admin.application(applicationId)],
  'admin.applicationAction': applicationActions.map((action) => paths.admin.applicationAction(applicationId, action)),
  'admin.certificate': [paths.admin.certificate(certificateId)],
  'admin.certificateAction': certificateActions.map((action) => paths.admin.certificateAction(certificateId, action)),
  'admin.member': [paths.admin.member(organisationNumber)],
  'admin.memberEnd': [paths.admin.memberEnd(organisationNumber)],
};

/** The dotted names of every constant and builder in a (nested) paths object. */
function entryNames(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? entryNames(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('paths and the declared routes', () => {
  it('builds every entry of paths in this test, so a new one cannot skip the route check', () => {
    // Prepare
    const names = entryNames(paths);

    // Act
    const untested = names.filter((name) => !(name in built));
    const stale = Object.keys(built).filter((name) => !names.includes(name));

    // Assess
    expect(untested).toEqual([]);
    expect(stale).toEqual([]);
  });

  it.each(Object.entries(built).flatMap(([name, links]) => links.map((link) => [name, link] as const)))('%s: %s is a declared route', (_name, link) => {
    // Act
    const routes = routesMatching(link);

    // Assess
    expect(routes, `no route in infra/lambda-functions.ts serves ${link}`).not.toEqual([]);
  });

  it('reads a route variable as one segment, as API Gateway does', () => {
    // Prepare
    const review = routePattern('GET /review/{token}');
    const badge = routePattern('GET /certificates/{certificateId}/badge.svg');

    // Act / Assess
    expect(review.test(`/review/${token}`)).toBe(true);
    expect(review.test(`/review/${token}/more`)).toBe(false);
    expect(badge.test('/certificates/QM-2026-0042/badge.svg')).toBe(true);
    expect(badge.test('/certificates/QM-2026-0042/badgeXsvg')).toBe(false);
  });
});

describe('the links people are sent', () => {
  it('keeps the query strings and encodings mails and pages have always had', () => {
    // Act / Assess: these links are in mails already sent and on towns' websites.
    expect(paths.revision(token, 'en')).toBe(`/apply?type=revision&token=${token}&lang=en`);
    expect(paths.revision(token, 'sv')).toBe(`/apply?type=revision&token=${token}`);
    expect(paths.applyIn('en')).toBe('/apply?lang=en');
    expect(paths.applyIn('sv')).toBe('/apply');
    expect(paths.certificate(certificateId, 'en')).toBe('/certificates/QM-2026-0042?lang=en');
    expect(paths.certificateBadge(certificateId, 'en')).toBe('/certificates/QM-2026-0042/badge.svg?lang=en');
    expect(paths.certificatePdf('QM 2026/1')).toBe('/certificates/QM%202026%2F1.pdf');
    expect(paths.selfEvaluationOf('revision', 'en')).toBe('/self-evaluation?type=revision&lang=en');
  });

  it('makes a path absolute on the public address', () => {
    // Prepare
    const publicBaseUrl = 'https://qm.stadskarnor.example';

    // Act
    const link = absoluteUrl(publicBaseUrl, paths.status(token));

    // Assess
    expect(link).toBe(`https://qm.stadskarnor.example/status/${token}`);
  });
});
