import { createHash } from 'node:crypto';
import * as escapeHtmlTemplateTag from 'escape-html-template-tag';
import type { HtmlSafeString } from 'escape-html-template-tag';
import type { Locale } from '../domain/locale.js';
import { siteContact } from '../config/site-contact.js';
import { paths } from '../http/paths.js';
import { uiMessages } from './messages.js';

export type { HtmlSafeString };

/**
 * The `html` tag of escape-html-template-tag: escapes interpolations, nests, flattens arrays.
 *
 * The package's type declarations are CommonJS-flavoured, so under NodeNext TypeScript thinks its
 * default import is the whole module (not callable), while at run time ESM gives the function.
 * Resolve it once here; import `html`, `safe` and `join` from this module.
 */
type HtmlTag = (parts: TemplateStringsArray, ...subs: unknown[]) => HtmlSafeString;
const tagModule = escapeHtmlTemplateTag as unknown as { default: HtmlTag | { default: HtmlTag } };
export const html: HtmlTag = typeof tagModule.default === 'function' ? tagModule.default : tagModule.default.default;
/** Marks trusted markup (constants only, never user input) as safe. */
export const safe: (value: unknown) => HtmlSafeString = escapeHtmlTemplateTag.safe;
/**
 * A path (paths.ts) or URL in markup: an href, action or src. The html tag escapes `/` and `=` as well,
 * which turns links in the page source into `&#x2F;register`; a double-quoted attribute needs only
 * `& " ' < >` escaped, so links stay readable and pages keep the bytes they had as literals.
 */
export const href = (url: string): HtmlSafeString =>
  safe(url.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
export const join: (items: (string | HtmlSafeString)[], separator: string | HtmlSafeString) => HtmlSafeString =
  escapeHtmlTemplateTag.join;

/**
 * Plain, readable, accessible: system fonts, ~44rem measure, visible focus, error colours with
 * at least 4.5:1 contrast on white, large touch targets. No external resources, no JavaScript.
 */
export const layoutStyles = `
:root { --text: #1b1b1b; --muted: #4a4a4a; --accent: #00594f; --accent-dark: #003d36; --error: #b01c12; --focus: #ffbf47; --border: #6b6b6b; --bg-soft: #f4f4f2; }
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 100%; line-height: 1.5; color: var(--text); background: #fff; }
body { margin: 0; display: flex; flex-direction: column; min-height: 100vh; }
/* Reflow (WCAG 1.4.10): long names, addresses and URLs break rather than widen the page. */
main, .site-footer, .site-header { overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
.skip-link { position: absolute; left: -999rem; }
.hp { position: absolute; left: -999rem; width: 1px; height: 1px; overflow: hidden; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--focus); color: var(--text); padding: .5rem 1rem; z-index: 10; }
.site-header { background: var(--accent); color: #fff; }
.site-header p { margin: 0 auto; max-width: 44rem; padding: .875rem 1rem; font-weight: 700; }
.site-header a { color: #fff; text-decoration: none; }
.site-header a:hover { color: #fff; text-decoration: underline; }
main { display: block; width: 100%; max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; flex: 1 0 auto; }
.site-footer { background: var(--bg-soft); border-top: .1875rem solid var(--accent); }
.site-footer div { max-width: 44rem; margin: 0 auto; padding: 1rem 1rem 1.5rem; }
.site-footer p { margin: .5rem 0; }
.site-footer ul { margin: .5rem 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: .5rem 0 1rem; }
h2 { font-size: 1.375rem; line-height: 1.3; }
a { color: var(--accent); text-decoration-thickness: .0625rem; text-underline-offset: .15em; }
a:hover { color: var(--accent-dark); text-decoration-thickness: .125rem; }
:focus-visible { outline: .1875rem solid var(--text); outline-offset: .125rem; box-shadow: 0 0 0 .375rem var(--focus); }
a:focus-visible { background: var(--focus); color: var(--text); box-shadow: none; outline-color: var(--focus); }
fieldset { border: 0; border-top: .125rem solid var(--accent); margin: 2rem 0; padding: 0; min-width: 0; }
legend { font-size: 1.375rem; font-weight: 700; padding: .75rem 0 .25rem; }
fieldset fieldset { border: 0; margin: 1.5rem 0; }
fieldset fieldset legend { font-size: 1.125rem; padding: 0; }
.field { margin: 1.5rem 0; }
.field > label, .label { display: block; font-weight: 700; margin-bottom: .25rem; }
.required, .optional { font-weight: 400; color: var(--muted); }
.hint { display: block; color: var(--muted); margin: 0 0 .375rem; }
input[type="text"], input[type="email"], input[type="tel"], input[type="url"], select, textarea {
  display: block; width: 100%; max-width: 100%; font: inherit; color: inherit; padding: .5rem; border: .125rem solid var(--border); border-radius: 0; background: #fff; }
input.narrow { max-width: 14rem; }
textarea { min-height: 8rem; resize: vertical; }
.checkbox { display: flex; align-items: flex-start; gap: .625rem; margin: .5rem 0; }
.checkbox input { width: 1.5rem; height: 1.5rem; margin: .125rem 0 0; flex: none; accent-color: var(--accent); }
.checkbox label { font-weight: 400; }
.error-message { display: block; color: var(--error); font-weight: 700; margin: 0 0 .375rem; }
.field-error { border-left: .3125rem solid var(--error); padding-left: .875rem; }
/* As specific as the input rules above, and later: an invalid field's border is red, not grey. */
input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: var(--error); }
.error-summary { border: .3125rem solid var(--error); padding: 1rem 1.25rem; margin: 1.5rem 0 2rem; }
.error-summary h2 { margin-top: 0; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: var(--error); font-weight: 700; }
.notice { background: var(--bg-soft); border-left: .3125rem solid var(--accent); padding: 1rem 1.25rem; }
button, .button { display: inline-block; font: inherit; font-weight: 700; color: #fff; background: var(--accent); border: 0; border-bottom: .1875rem solid var(--accent-dark); padding: .75rem 1.25rem; cursor: pointer; text-decoration: none; }
button:hover, .button:hover { background: var(--accent-dark); color: #fff; }
.facts, .answers { margin: 1rem 0; }
.facts { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: .25rem 1.25rem; }
.facts dt, .answers dt { font-weight: 700; }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.answers dd { margin: 0 0 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { text-align: left; vertical-align: top; padding: .5rem .75rem .5rem 0; border-bottom: .0625rem solid var(--border); }
blockquote.quote { margin: .5rem 0 1rem; padding: .5rem 1rem; border-left: .25rem solid var(--accent); background: #fff; white-space: pre-wrap; }
details.answers-copy { margin: 2rem 0; border-top: .125rem solid var(--accent); }
details.answers-copy > summary { cursor: pointer; padding: .75rem 0; }
details.answers-copy > summary h2 { display: inline; margin: 0; }
.personal-link { border-left: .3125rem solid var(--focus); padding: .25rem 0 .25rem 1rem; }
/* Narrow screens: label/value lists become one column, and tables marked .stack become one block
   per row, each cell labelled by its column (data-label), so no table is wider than the screen. */
@media (max-width: 40em) {
  h1 { font-size: 1.625rem; }
  .facts { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .facts dd { margin-bottom: .625rem; }
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: 100%; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border-bottom: .0625rem solid var(--border); padding: .5rem 0; }
  table.stack th, table.stack td { border: 0; padding: .125rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
  table.stack td:empty { display: none; }
}
.status { display: inline-block; padding: .125rem .5rem; background: var(--bg-soft); }
.decision-box { border: .1875rem solid var(--accent); padding: 1rem 1.25rem; margin: 2rem 0; }
.answer-yes { color: var(--accent-dark); font-weight: 700; }
.answer-no { color: var(--error); font-weight: 700; }
.verdict { border: .3125rem solid var(--accent); padding: 1rem 1.25rem; margin: 1rem 0 2rem; }
.verdict-invalid { border-color: var(--error); }
.verdict-label { font-size: 3rem; line-height: 1.1; margin: 0 0 .5rem; color: var(--accent-dark); }
.verdict-invalid .verdict-label { color: var(--error); }
button.secondary { color: var(--accent-dark); background: #fff; border: .125rem solid var(--accent); }
button.secondary:hover { color: #fff; }
.checklist { list-style: none; padding-left: 0; }
.checklist li { padding-left: 1.75rem; text-indent: -1.75rem; margin: .375rem 0; }
.checklist li::before { content: "\\2610"; display: inline-block; width: 1.75rem; text-indent: 0; font-size: 1.25em; line-height: 1; }
h2, h3 { break-after: avoid; }
.snippet { background: var(--bg-soft); border: .0625rem solid var(--border); padding: .75rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .875rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print { h1 { font-size: 1.625rem; } .site-header, .skip-link, .no-print { display: none !important; } main { max-width: none; padding: 0; } a { color: inherit; } .notice, .verdict { border-width: .125rem; } }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
input[type="date"], input[type="search"], input[type="file"] { display: block; max-width: 100%; font: inherit; padding: .5rem; border: .125rem solid var(--border); border-radius: 0; background: #fff; }
.admin-nav { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; margin: 0 0 1rem; padding: 0 0 .75rem; border-bottom: .0625rem solid var(--border); }
.admin-nav form { margin: 0 0 0 auto; }
.link-button, .link-button:hover { background: none; border: 0; padding: 0; font-weight: 400; color: var(--accent); text-decoration: underline; }
.table-scroll { overflow-x: auto; }
.admin-action { border-top: .125rem solid var(--accent); margin: 2rem 0; }
.admin-action h3 { margin-bottom: .25rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.figures div { background: var(--bg-soft); padding: .75rem; }
.figures strong { display: block; font-size: 1.5rem; }
`;

/** The CSP hash of the inline style sheet, e.g. for `style-src 'sha256-…'`. */
export const layoutStyleHash = `sha256-${createHash('sha256').update(layoutStyles, 'utf8').digest('base64')}`;

/** A strict Content-Security-Policy that allows exactly these pages: no scripts, no external resources. */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  `style-src '${layoutStyleHash}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageOptions {
  /** The page's own title; `<title>` adds the association's name after it. */
  title: string;
  lang: Locale;
  /** The content of `<main>`; build it with `html` so that everything interpolated is escaped. */
  body: HtmlSafeString;
}

export const footerText = {
  sv: { contact: 'Frågor om kvalitetsmärkningen:', privacy: 'Så behandlar vi personuppgifter', register: 'QM-registret', footer: 'Sidfot' },
  en: { contact: 'Questions about the Quality Mark:', privacy: 'How we handle personal data', register: 'The QM register', footer: 'Footer' },
} as const;

/** The footer of every page: who to write to, the privacy notice and the public register. */
function siteFooter(lang: Locale): HtmlSafeString {
  const t = footerText[lang];
  const contact = siteContact();
  return html`<footer class="site-footer"><div>
<p>${uiMessages[lang].siteName}</p>
<ul>
<li>${t.contact} <a href="mailto:${contact.email}">${contact.email}</a></li>
<li><a href="${href(paths.privacy)}">${t.privacy}</a></li>
<li><a href="${href(paths.register)}">${t.register}</a></li>
</ul>
</div></footer>`;
}

/** A complete HTML5 document around `body`. */
export function renderPage({ title, lang, body }: PageOptions): string {
  const text = uiMessages[lang];
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Svenska Stadskärnor</title>
<style>${safe(layoutStyles)}</style>
</head>
<body>
<a class="skip-link" href="#main">${text.skipToContent}</a>
<header class="site-header"><p><a href="${href(paths.home)}">${text.siteName}</a></p></header>
<main id="main">
${body}
</main>
${siteFooter(lang)}
</body>
</html>
`.toString();
}
