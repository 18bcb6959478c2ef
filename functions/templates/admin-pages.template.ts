import type { ApplicationRecord } from '../domain/application-record.js';
import { canWithdraw, isFinal } from '../domain/application-status.js';
import { statusLabels } from './labels.js';
import { clearedForApproval, partnerPublicName, type PartnerConfirmation } from '../domain/partners.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Member } from '../domain/member.js';
import type { ApplicationRow, CertificateRow } from '../domain/programme-overview.js';
import type { ApplicationAdminView } from '../use-cases/admin/application-admin.use-case.js';
import type { CertificateAdminView } from '../use-cases/admin/certificate-admin.use-case.js';
import type { MemberAdminView } from '../use-cases/admin/member-admin.use-case.js';
import type { OverviewResult } from '../use-cases/admin/overview.use-case.js';
import type { MemberImportReport } from '../use-cases/import-members.use-case.js';
import { auditTable, csrfField, errorSummary, renderAdminPage, type StaffFrame } from './admin-layout.template.js';
import { applicationSummary } from './application-summary.template.js';
import { historyText } from './history-messages.js';
import { href, html, type HtmlSafeString } from './layout.template.js';
import { formatCalendarDate, formatSwedishDate, formatSwedishDateTime } from './swedish-dates.js';
import { paths } from '../http/paths.js';

const versionNames = { full: 'QM-ansökan', revision: 'Revidering' } as const;

function applicationRows(rows: readonly ApplicationRow[], options: { showDeadline?: boolean } = {}): HtmlSafeString {
  if (rows.length === 0) return html`<p>Inga.</p>`;
  return html`<div class="table-scroll"><table>
<thead><tr><th scope="col">Organisation</th><th scope="col">Ansökan</th><th scope="col">Ålder</th><th scope="col">${options.showDeadline ? 'Sista dag' : 'I status sedan'}</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr><td><a href="${href(paths.admin.application(r.id))}">${r.organisationName}</a><br>${r.town}</td><td>${r.id}<br>${versionNames[r.applicationType]}</td><td>${r.ageDays} d</td><td>${options.showDeadline && r.deadline ? formatSwedishDateTime(r.deadline) : formatSwedishDate(r.since)}</td></tr>`,
  )}</tbody></table></div>`;
}

function certificateRows(rows: readonly CertificateRow[]): HtmlSafeString {
  if (rows.length === 0) return html`<p>Inga.</p>`;
  return html`<div class="table-scroll"><table>
<thead><tr><th scope="col">Certifikat</th><th scope="col">Organisation</th><th scope="col">Giltigt till</th></tr></thead>
<tbody>${rows.map(
    (c) => html`<tr><td><a href="${href(paths.admin.certificate(c.certificateId))}">${c.certificateId}</a></td><td>${c.organisationName}<br>${c.town}</td><td>${formatCalendarDate(c.validUntil)}</td></tr>`,
  )}</tbody></table></div>`;
}

const percent = (share: number | undefined) => (share === undefined ? '–' : `${Math.round(share * 100)} %`);

export function renderOverview(staff: StaffFrame, { overview, search }: OverviewResult): string {
  const f = overview.figures;
  const body = html`<h1>Översikt</h1>
<form method="get" action="${href(paths.admin.home)}" role="search">
  <div class="field"><label for="field-q">Sök ansökan</label><span class="hint" id="q-hint">Organisationens namn, organisationsnummer eller ort</span>
  <input type="search" name="q" id="field-q" aria-describedby="q-hint" value="${search?.query ?? ''}"></div>
  <button type="submit">Sök</button>
</form>
${search
    ? html`<section aria-labelledby="search-results"><h2 id="search-results">Sökresultat för ”${search.query}”</h2>
${search.applications.length
        ? html`<ul>${search.applications.map(
            (a) => html`<li><a href="${href(paths.admin.application(a.id))}">${a.organisation.name}</a> (${a.organisation.organisationNumber}, ${a.organisation.town}) · ${a.id} · ${statusLabels.sv[a.status]}</li>`,
          )}</ul>`
        : html`<p>Inga ansökningar matchar.</p>`}</section>`
    : ''}
<h2>Nyckeltal ${f.year}</h2>
<div class="figures">
  <div><strong>${f.applicationsThisYear.full}</strong>QM-ansökningar</div>
  <div><strong>${f.applicationsThisYear.revision}</strong>revideringar</div>
  <div><strong>${f.medianDaysToDecision === undefined ? '–' : `${f.medianDaysToDecision} d`}</strong>median till beslut</div>
  <div><strong>${percent(f.certifiedAtFirstReview)}</strong>certifierade vid första granskningen (av ${f.decidedThisYear} beslut)</div>
</div>
<h2>Granskningar som väntat för länge</h2>
${applicationRows(overview.overdueReviews)}
<h2>Kompletteringar nära sista dag</h2>
${applicationRows(overview.completionsNearDeadline, { showDeadline: true })}
<h2>Stoppade av fel</h2>
${applicationRows(overview.failed)}
<h2>Pågående ansökningar</h2>
${overview.openByStatus.length
    ? overview.openByStatus.map((g) => html`<h3>${statusLabels.sv[g.status]} (${g.rows.length})</h3>${applicationRows(g.rows)}`)
    : html`<p>Inga pågående ansökningar.</p>`}
<h2>Certifikat som går ut inom 180 dagar</h2>
${certificateRows(overview.lapsingSoon)}
<h2>Utgångna det senaste året utan revidering</h2>
${certificateRows(overview.lapsedWithoutRevision)}`;
  return renderAdminPage(staff, 'Översikt', body);
}

function historyTable(application: ApplicationRecord): HtmlSafeString {
  return html`<div class="table-scroll"><table>
<thead><tr><th scope="col">När</th><th scope="col">Status</th><th scope="col">Av</th><th scope="col">Kommentar</th></tr></thead>
<tbody>${application.history.map(
    (h) => html`<tr><td>${formatSwedishDateTime(h.at)}</td><td>${h.from === h.to ? '–' : statusLabels.sv[h.to]}</td><td>${h.actor}</td><td>${h.internal ? html`<strong>Intern:</strong> ` : ''}${historyText(h, 'sv')}</td></tr>`,
  )}</tbody></table></div>`;
}

function action(title: string, path: string, staff: StaffFrame, fields: HtmlSafeString, button: string, hint?: string): HtmlSafeString {
  return html`<section class="admin-action"><h3>${title}</h3>${hint ? html`<p class="hint">${hint}</p>` : ''}
<form method="post" action="${path}">${csrfField(staff)}${fields}<button type="submit">${button}</button></form></section>`;
}

const reasonField = (id: string, label: string, required: boolean) =>
  html`<div class="field"><label for="${id}">${label} ${required ? '' : html`<span class="optional">(frivilligt)</span>`}</label><textarea name="reason" id="${id}" ${required ? 'required' : ''}></textarea></div>`;

/** Where a partner's confirmation stands, in the officer's words. */
function partnerState(confirmation: PartnerConfirmation | undefined): HtmlSafeString {
  const override = confirmation?.overriddenAt
    ? html` Undantagen av ${confirmation.overriddenBy ?? ''} ${formatSwedishDateTime(confirmation.overriddenAt)}: ${confirmation.overrideReason ?? ''}`
    : '';
  if (!confirmation) return html`Inte tillfrågad ännu.${override}`;
  if (confirmation.decision === 'confirm') return html`Bekräftade ${formatSwedishDateTime(confirmation.decidedAt!)}.${override}`;
  if (confirmation.decision === 'decline') return html`Avböjde ${formatSwedishDateTime(confirmation.decidedAt!)}: ${confirmation.comment ?? ''}.${override}`;
  if (confirmation.releasedAt) return html`Svarade inte; förfrågan avslutad.${override}`;
  return html`Har inte svarat${confirmation.reminders ? html` (påmind ${confirmation.reminders} gånger)` : ''}.${override}`;
}

/** The partners' answers, and (while any is missing) the override that lets the reviewer approve anyway. */
function partnerSection(a: ApplicationRecord, partners: ApplicationAdminView['partners'], staff: StaffFrame): HtmlSafeString | string {
  if (partners.length === 0) return '';
  const missing = partners.filter((p) => !clearedForApproval(p.confirmation));
  return html`<h2>Samverkanspartner</h2>
<table class="stack">
<thead><tr><th scope="col">Partner</th><th scope="col">Kontaktperson</th><th scope="col">Svar</th></tr></thead>
<tbody>${partners.map((p) => html`<tr><td data-label="Partner">${partnerPublicName(p.partner)}</td><td data-label="Kontaktperson">${p.partner.name}, ${p.partner.email}</td><td data-label="Svar">${partnerState(p.confirmation)}</td></tr>`)}</tbody>
</table>
${missing.length && !isFinal(a.status)
    ? action(
        'Godkänn utan bekräftelse',
        paths.admin.applicationAction(a.id, 'override-partners'),
        staff,
        reasonField('override-reason', 'Skäl (syns i ansökans historik)', true),
        'Undanta från kravet på bekräftelse',
        `Granskaren kan då godkänna ansökan utan bekräftelse från ${missing.map((p) => partnerPublicName(p.partner)).join(', ')}. Bekräftar de senare registreras det ändå.`,
      )
    : ''}`;
}

export function renderApplicationAdmin(staff: StaffFrame, view: ApplicationAdminView, errors: string[] = []): string {
  const { application: a, member, rounds, completions, audit } = view;
  const openRound = rounds.find((r) => r.state === 'open');
  const openCompletion = completions.find((c) => !c.answeredAt && !c.closedAt);
  const mails = Object.entries((a.notifications as Record<string, { state?: string; at?: string }> | undefined) ?? {});
  const body = html`${errorSummary(errors)}
<h1>${a.organisation.name}</h1>
<dl class="facts">
  <dt>Ansökan</dt><dd>${a.id} (${versionNames[a.applicationType]})</dd>
  <dt>Status</dt><dd><strong class="status">${statusLabels.sv[a.status]}</strong></dd>
  <dt>Inskickad</dt><dd>${formatSwedishDateTime(a.submittedAt)}</dd>
  ${typeof a.certificateId === 'string' ? html`<dt>Certifikat</dt><dd><a href="${href(paths.admin.certificate(a.certificateId))}">${a.certificateId}</a></dd>` : ''}
</dl>
<h2>Åtgärder</h2>
${openRound ? action('Skicka granskningslänkar igen', paths.admin.applicationAction(a.id, 'resend-review-links'), staff, html``, 'Skicka nya länkar', `Granskarna (${openRound.reviewers.join(', ')}) får nya länkar; de tidigare slutar gälla.`) : ''}
${openRound
    ? action(
        'Byt granskare',
        paths.admin.applicationAction(a.id, 'reviewers'),
        staff,
        html`<div class="field"><label for="field-reviewers">Granskare</label><span class="hint">E-postadresser, en per rad eller åtskilda med komma</span><textarea name="reviewers" id="field-reviewers" required>${openRound.reviewers.join('\n')}</textarea></div>${reasonField('reviewers-reason', 'Skäl', false)}`,
        'Byt granskare',
      )
    : ''}
${a.status === 'completion_requested' && openCompletion
    ? action(
        'Ge mer tid att komplettera',
        paths.admin.applicationAction(a.id, 'extend-completion'),
        staff,
        html`<div class="field"><label for="field-deadline">Ny sista dag</label><span class="hint">Nu: ${formatSwedishDateTime(openCompletion.deadline)}</span><input type="date" name="deadline" id="field-deadline" required></div>${reasonField('extend-reason', 'Skäl (skickas till den sökande)', true)}`,
        'Förläng',
      )
    : ''}
${a.status === 'failed' || a.status === 'on_hold' ? action('Starta om', paths.admin.applicationAction(a.id, 'retry'), staff, reasonField('retry-reason', 'Kommentar', false), 'Starta om ansökan', 'Ansökan fortsätter från där den stod när felet inträffade.') : ''}
${canWithdraw(a.status) ? action('Dra tillbaka ansökan', paths.admin.applicationAction(a.id, 'withdraw'), staff, reasonField('withdraw-reason', 'Skäl (skickas till den sökande)', true), 'Dra tillbaka', 'Ansökan avslutas och den sökande får veta varför.') : ''}
${action('Intern anteckning', paths.admin.applicationAction(a.id, 'notes'), staff, html`<div class="field"><label for="field-note">Anteckning</label><span class="hint">Syns bara för personalen, aldrig för den sökande.</span><textarea name="note" id="field-note" required></textarea></div>`, 'Spara anteckning')}
${partnerSection(a, view.partners, staff)}
<h2>Medlemsregistret</h2>
${member
    ? html`<dl class="facts"><dt>Namn</dt><dd><a href="${href(paths.admin.member(member.organisationNumber))}">${member.name}</a></dd><dt>Ort</dt><dd>${member.town}</dd><dt>Registrerade adresser</dt><dd>${member.emails.join(', ')}</dd>${member.membershipEndsOn ? html`<dt>Medlem till och med</dt><dd>${formatCalendarDate(member.membershipEndsOn)}</dd>` : ''}</dl>`
    : html`<p>Organisationen finns inte i medlemsregistret.</p>`}
<h2>Historik</h2>
${historyTable(a)}
<h2>Granskningsomgångar</h2>
${rounds.length
    ? html`<ul>${rounds.map(
        (r) => html`<li>Omgång ${r.round}: öppnad ${formatSwedishDateTime(r.openedAt)}, granskare ${r.reviewers.join(', ')}${r.linkGeneration ? html`, länkar utfärdade ${r.linkGeneration + 1} gånger` : ''}. ${r.decision ? html`Beslut av ${r.decision.decidedBy} ${formatSwedishDateTime(r.decision.decidedAt)}: ${r.decision.decision}${r.decision.comment ? html` – ”${r.decision.comment}”` : ''}` : r.state === 'open' ? 'Väntar på beslut.' : html`Avslutad (${r.closedReason ?? r.state}).`}</li>`,
      )}</ul>`
    : html`<p>Ingen granskning ännu.</p>`}
${completions.length
    ? html`<h3>Kompletteringar</h3><ul>${completions.map(
        (c) => html`<li>Omgång ${c.round}: begärd ${formatSwedishDateTime(c.requestedAt)}, sista dag ${formatSwedishDateTime(c.deadline)}${c.answeredAt ? html`, besvarad ${formatSwedishDateTime(c.answeredAt)}` : ''}${c.closedAt ? html`, stängd ${formatSwedishDateTime(c.closedAt)}` : ''}</li>`,
      )}</ul>`
    : ''}
<h2>Skickade mejl</h2>
${mails.length ? html`<ul>${mails.map(([key, n]) => html`<li>${key}: ${n.state === 'sent' ? 'skickat' : (n.state ?? '')} ${n.at ? formatSwedishDateTime(n.at) : ''}</li>`)}</ul>` : html`<p>Inga utskick registrerade.</p>`}
<h2>Personalens åtgärder</h2>
${auditTable(audit)}
<h2>Ansökan</h2>
${applicationSummary(a)}`;
  return renderAdminPage(staff, `Ansökan ${a.id}`, body);
}

const stateLabels = { giltigt: 'Giltigt', kommande: 'Kommande', utgånget: 'Utgånget', ersatt: 'Ersatt', återkallat: 'Återkallat' } as const;

export function renderCertificateAdmin(staff: StaffFrame, view: CertificateAdminView, errors: string[] = []): string {
  const { certificate: c, state, audit } = view;
  const stages = Object.entries(c.renewal ?? {});
  const body = html`${errorSummary(errors)}
<h1>Certifikat ${c.certificateId}</h1>
<dl class="facts">
  <dt>Status</dt><dd><strong class="status">${stateLabels[state]}</strong></dd>
  <dt>Organisation</dt><dd>${c.organisationName} (${c.organisationNumber})</dd>
  <dt>Ort</dt><dd>${c.town}</dd>
  <dt>Giltigt</dt><dd>${formatCalendarDate(c.validFrom)} – ${formatCalendarDate(c.validUntil)}</dd>
  <dt>Ansökan</dt><dd><a href="${href(paths.admin.application(c.applicationId))}">${c.applicationId}</a></dd>
  <dt>Kontakt</dt><dd>${c.contact.name}, ${c.contact.email}</dd>
  ${c.revokedAt ? html`<dt>Återkallat från</dt><dd>${formatSwedishDate(c.revokedAt)}</dd><dt>Skäl</dt><dd>${c.revocationReason ?? ''}</dd>` : ''}
  ${c.supersededBy ? html`<dt>Ersatt av</dt><dd><a href="${href(paths.admin.certificate(c.supersededBy))}">${c.supersededBy}</a></dd>` : ''}
</dl>
<p><a href="${href(paths.certificate(c.certificateId))}">Den offentliga sidan</a></p>
<h2>Påminnelser om revidering</h2>
${stages.length ? html`<ul>${stages.map(([stage, r]) => html`<li>${stage}: ${r.state} ${formatSwedishDateTime(r.at)}</li>`)}</ul>` : html`<p>Inga påminnelser skickade ännu.</p>`}
${c.revokedAt ? html`<p>Påminnelserna har upphört eftersom certifikatet är återkallat.</p>` : ''}
<h2>Åtgärder</h2>
${c.revokedAt
    ? ''
    : action(
        'Återkalla certifikatet',
        paths.admin.certificateAction(c.certificateId, 'revoke'),
        staff,
        reasonField('revoke-reason', 'Skäl (skickas till organisationens kontaktperson)', true),
        'Återkalla från i dag',
        'Certifikatet tas bort ur registret från och med i dag, påminnelserna upphör och kontaktpersonen får ett mejl.',
      )}
${action(
    'Rätta namn eller ort',
    paths.admin.certificateAction(c.certificateId, 'correct'),
    staff,
    html`<div class="field"><label for="field-name">Organisationens namn</label><input type="text" name="organisationName" id="field-name" required value="${c.organisationName}"></div>
<div class="field"><label for="field-town">Ort</label><input type="text" name="town" id="field-town" required value="${c.town}"></div>${reasonField('correct-reason', 'Skäl', true)}`,
    'Spara rättelsen',
  )}
<h2>Historik</h2>
${auditTable(audit)}`;
  return renderAdminPage(staff, `Certifikat ${c.certificateId}`, body);
}

export function renderMembers(staff: StaffFrame, members: readonly Member[], query: string, form: { errors: string[]; values?: Record<string, string> } = { errors: [] }): string {
  const body = html`<h1>Medlemmar</h1>
<form method="get" action="${href(paths.admin.members)}" role="search"><div class="field"><label for="field-q">Sök</label><span class="hint">Namn, organisationsnummer eller ort</span><input type="search" name="q" id="field-q" value="${query}"></div><button type="submit">Sök</button></form>
<p>${members.length} medlemmar${query ? html` matchar ”${query}”` : ''}.</p>
<div class="table-scroll"><table><thead><tr><th scope="col">Organisation</th><th scope="col">Organisationsnummer</th><th scope="col">Ort</th></tr></thead>
<tbody>${members.map(
    (m) => html`<tr><td><a href="${href(paths.admin.member(m.organisationNumber))}">${m.name}</a>${m.membershipEndsOn ? html`<br>Medlem t.o.m. ${formatCalendarDate(m.membershipEndsOn)}` : ''}</td><td>${m.organisationNumber}</td><td>${m.town}</td></tr>`,
  )}</tbody></table></div>
${memberForm(staff, undefined, form.errors, form.values)}
<section class="admin-action"><h3>Läs in medlemsregistret (CSV)</h3>
<p class="hint">Rubrikraden ska vara organisationsnummer,name,town,email. Flera adresser skiljs med semikolon.</p>
<form method="post" action="${href(paths.admin.memberImport)}" enctype="multipart/form-data">${csrfField(staff)}
<div class="field"><label for="field-file">Fil</label><input type="file" name="file" id="field-file" accept=".csv,text/csv" required></div>
<button type="submit">Läs in</button></form></section>`;
  return renderAdminPage(staff, 'Medlemmar', body);
}

export function memberForm(staff: StaffFrame, member: Member | undefined, errors: string[], values?: Record<string, string>): HtmlSafeString {
  const v = values ?? (member ? { organisationNumber: member.organisationNumber, name: member.name, town: member.town, emails: member.emails.join('\n') } : {});
  return html`<section class="admin-action"><h3>${member ? 'Ändra medlemmen' : 'Lägg till medlem'}</h3>${errorSummary(errors)}
<form method="post" action="${href(paths.admin.members)}">${csrfField(staff)}
${member
    ? html`<input type="hidden" name="organisationNumber" value="${member.organisationNumber}">`
    : html`<div class="field"><label for="field-orgnr">Organisationsnummer</label><input type="text" class="narrow" name="organisationNumber" id="field-orgnr" required value="${v.organisationNumber ?? ''}"></div>`}
<div class="field"><label for="field-member-name">Namn</label><input type="text" name="name" id="field-member-name" required value="${v.name ?? ''}"></div>
<div class="field"><label for="field-member-town">Ort</label><input type="text" name="town" id="field-member-town" required value="${v.town ?? ''}"></div>
<div class="field"><label for="field-member-emails">Registrerade adresser</label><span class="hint">En per rad; de enda adresser systemet litar på för medlemmen</span><textarea name="emails" id="field-member-emails" required>${v.emails ?? ''}</textarea></div>
<button type="submit">Spara</button></form></section>`;
}

export function renderMember(staff: StaffFrame, view: MemberAdminView, errors: string[] = [], values?: Record<string, string>): string {
  const { member: m, applications, certificates, audit } = view;
  const body = html`<h1>${m.name}</h1>
<dl class="facts"><dt>Organisationsnummer</dt><dd>${m.organisationNumber}</dd><dt>Ort</dt><dd>${m.town}</dd><dt>Registrerade adresser</dt><dd>${m.emails.join(', ')}</dd>
${m.membershipEndsOn ? html`<dt>Medlem till och med</dt><dd>${formatCalendarDate(m.membershipEndsOn)}</dd>` : ''}</dl>
<h2>Certifikat</h2>
${certificates.length ? html`<ul>${certificates.map((c) => html`<li><a href="${href(paths.admin.certificate(c.certificateId))}">${c.certificateId}</a>: ${formatCalendarDate(c.validFrom)} – ${formatCalendarDate(c.validUntil)}${c.revokedAt ? ' (återkallat)' : ''}</li>`)}</ul>` : html`<p>Inga.</p>`}
<h2>Ansökningar</h2>
${applications.length ? html`<ul>${applications.map((a) => html`<li><a href="${href(paths.admin.application(a.id))}">${a.id}</a> · ${versionNames[a.applicationType]} · ${formatSwedishDate(a.submittedAt)} · ${statusLabels.sv[a.status]}</li>`)}</ul>` : html`<p>Inga.</p>`}
${memberForm(staff, m, errors, values)}
${action(
    'Avsluta medlemskapet',
    paths.admin.memberEnd(m.organisationNumber),
    staff,
    html`<div class="field"><label for="field-end">Sista dag som medlem</label><input type="date" name="lastDay" id="field-end" required></div>${reasonField('end-reason', 'Skäl', true)}`,
    'Avsluta medlemskapet',
    'Certifikat gäller till sitt slut, men ingen ny ansökan tas emot efter sista dagen.',
  )}
<h2>Personalens åtgärder</h2>
${auditTable(audit)}`;
  return renderAdminPage(staff, m.name, body);
}

export function renderImportReport(staff: StaffFrame, fileName: string, report: MemberImportReport): string {
  const body = html`<h1>Inläsning av medlemsregistret</h1>
<div class="notice" role="status"><p>${fileName}: ${report.imported} medlemmar inlästa, ${report.invalid.length} ogiltiga rader.</p></div>
${report.invalid.length
    ? html`<div class="table-scroll"><table><thead><tr><th scope="col">Rad</th><th scope="col">Fel</th></tr></thead><tbody>${report.invalid.map(
        (r) => html`<tr><td>${r.line}</td><td>${r.errors.join('; ')}</td></tr>`,
      )}</tbody></table></div>`
    : ''}
<p><a href="${href(paths.admin.members)}">Till medlemmarna</a></p>`;
  return renderAdminPage(staff, 'Inläsning', body);
}

export function renderAudit(staff: StaffFrame, entries: readonly AuditEntry[]): string {
  return renderAdminPage(staff, 'Logg', html`<h1>Personalens åtgärder</h1><p>Loggen kan inte ändras. De senaste ${entries.length} åtgärderna, nyaste först.</p>${auditTable(entries, { showItem: true })}`);
}

export function renderExports(staff: StaffFrame): string {
  return renderAdminPage(
    staff,
    'Exporter',
    html`<h1>Exporter</h1>
<ul>
  <li>Alla certifikat med giltighet och status: <a href="${href(paths.admin.export('certificates.csv'))}">CSV</a> · <a href="${href(paths.admin.export('certificates.xlsx'))}">Excel</a></li>
  <li>Alla ansökningar med status och datum: <a href="${href(paths.admin.export('applications.csv'))}">CSV</a> · <a href="${href(paths.admin.export('applications.xlsx'))}">Excel</a></li>
</ul>
<p class="hint">CSV-filerna är UTF-8 med semikolon, så att svenska Excel öppnar dem med å, ä och ö.</p>`,
  );
}
