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
 * A strict Content-Security-Policy that allows exactly these pages: no scripts, no resources from
 * elsewhere; the one style sheet comes from the site itself (site-styles.ts, served at /styles.css).
 */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'self'",
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
<link rel="stylesheet" href="${href(paths.styles)}">
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

/**
 * The page for a private link that leads nowhere (mistyped, cut off by the mail program, or never
 * issued): what was not found, and the one thing to check. Swedish, like the links' mails.
 */
export function renderLinkNotFoundPage(notFound: string): string {
  return renderPage({
    title: 'Länken fungerar inte',
    lang: 'sv',
    body: html`<h1>Länken fungerar inte</h1><p>${notFound} Kontrollera att hela länken från e-postmeddelandet kom med.</p>`,
  });
}
