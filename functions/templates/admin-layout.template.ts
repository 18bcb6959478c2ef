import type { AuditEntry } from '../domain/audit.js';
import { auditActionLabels } from './labels.js';
import { href, html, renderPage, type HtmlSafeString } from './layout.template.js';
import { formatSwedishDateTime } from './swedish-dates.js';
import { paths } from '../http/paths.js';

/** The staff workspace's frame: the public pages' layout, a navigation bar and sign-out. Swedish only. */
export interface StaffFrame {
  email: string;
  csrfToken: string;
}

export function renderAdminPage(staff: StaffFrame, title: string, body: HtmlSafeString): string {
  return renderPage({
    title,
    lang: 'sv',
    body: html`<nav class="admin-nav" aria-label="Arbetsytan">
  <a href="${href(paths.admin.home)}">Översikt</a>
  <a href="${href(paths.admin.members)}">Medlemmar</a>
  <a href="${href(paths.admin.audit)}">Logg</a>
  <a href="${href(paths.admin.exports)}">Exporter</a>
  <form method="post" action="${href(paths.admin.signOut)}">${csrfField(staff)}<button type="submit" class="link-button">Logga ut (${staff.email})</button></form>
</nav>
${body}`,
  });
}

/** The hidden field every state-changing form carries. */
export function csrfField(staff: StaffFrame): HtmlSafeString {
  return html`<input type="hidden" name="csrf" value="${staff.csrfToken}">`;
}

/** A page outside the workspace (sign-in) or an answer without a frame. */
export function renderPlainAdminPage(title: string, body: HtmlSafeString): string {
  return renderPage({ title, lang: 'sv', body });
}

export function renderAdminMessage(staff: StaffFrame | undefined, title: string, message: string, back?: { href: string; label: string }): string {
  const body = html`<h1>${title}</h1><p>${message}</p>${back ? html`<p><a href="${back.href}">${back.label}</a></p>` : ''}`;
  return staff ? renderAdminPage(staff, title, body) : renderPlainAdminPage(title, body);
}

export function auditTable(entries: readonly AuditEntry[], options: { showItem?: boolean } = {}): HtmlSafeString {
  if (entries.length === 0) return html`<p>Inga åtgärder av personalen ännu.</p>`;
  return html`<div class="table-scroll"><table>
<thead><tr><th scope="col">När</th><th scope="col">Vem</th><th scope="col">Vad</th>${options.showItem ? html`<th scope="col">Gäller</th>` : ''}<th scope="col">Skäl och detaljer</th></tr></thead>
<tbody>${entries.map(
    (e) => html`<tr><td>${formatSwedishDateTime(e.at)}</td><td>${e.actor}</td><td>${auditActionLabels[e.action]}</td>${options.showItem ? html`<td>${itemLink(e)}</td>` : ''}<td>${e.reason ? html`<strong>Skäl:</strong> ${e.reason}<br>` : ''}${e.details ?? ''}</td></tr>`,
  )}</tbody></table></div>`;
}

function itemLink(e: AuditEntry): HtmlSafeString {
  switch (e.itemKind) {
    case 'application':
      return html`<a href="${href(paths.admin.application(e.itemId))}">${e.itemId}</a>`;
    case 'certificate':
      return html`<a href="${href(paths.admin.certificate(e.itemId))}">${e.itemId}</a>`;
    case 'member':
      return e.itemId === 'register' ? html`Medlemsregistret` : html`<a href="${href(paths.admin.member(e.itemId))}">${e.itemId}</a>`;
    case 'staff':
      return html`${e.itemId}`;
  }
}

export function errorSummary(errors: readonly string[]): HtmlSafeString | '' {
  if (errors.length === 0) return '';
  return html`<div class="error-summary" role="alert"><h2>Det gick inte att spara</h2><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`;
}
