import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { html, join, safe, type HtmlSafeString } from './html.js';

/**
 * The local mailbox as a page of its own, over the mail aws-ses-v2-local captured. Its own viewer
 * shows a mail's HTML in an iframe, where our pages refuse to load (they forbid framing), and shows
 * the text part without links. Here:
 *  - the text part is shown with its addresses as links, opening in a new tab;
 *  - the HTML part is in a sandboxed `srcdoc` frame whose links open in a new tab (`<base
 *    target="_blank">` and `allow-popups-to-escape-sandbox`), so the page opened is not framed;
 *  - attachments (the certificate PDF) open from links of their own;
 *  - no JavaScript: it works like the rest of the system.
 */
const urlPattern = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Text with every http(s) address as a link that opens in a new tab; the rest escaped. */
export function linkify(text: string): HtmlSafeString {
  const parts: (string | HtmlSafeString)[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    parts.push(text.slice(last, match.index));
    parts.push(html`<a href="${match[0]}" target="_blank" rel="noopener">${match[0]}</a>`);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return join(parts, '');
}

/** The mail's HTML, with links opening outside the frame. */
function framedHtml(mailHtml: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(mailHtml) ? mailHtml.replace(/<head([^>]*)>/i, `<head$1>${base}`) : `${base}${mailHtml}`;
}

const styles = `
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1b1b1b; }
.email { border: 1px solid #999; border-radius: 4px; padding: .5rem 1rem; margin: 1rem 0; }
.email h2 { font-size: 1.125rem; margin: .5rem 0; }
.meta { color: #444; margin: 0 0 .5rem; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f2; padding: .75rem; }
iframe { width: 100%; height: 36rem; border: 1px solid #ccc; }
summary { cursor: pointer; font-weight: 700; padding: .25rem 0; }
a { color: #00594f; }
`;

const when = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'medium', timeStyle: 'medium' });

export function renderMailbox(emails: readonly Email[], storeFile: string | undefined): string {
  const newestFirst = [...emails].reverse();
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lokal e-postlåda (${emails.length})</title>
<style>${safe(styles)}</style>
</head>
<body>
<main>
<h1>Lokal e-postlåda</h1>
<p>${emails.length} meddelanden, det senaste först. ${storeFile ? `Sparas i ${storeFile} och finns kvar efter en omstart.` : 'Sparas bara i minnet.'} Länkar öppnas i en ny flik. <a href="/">Uppdatera</a> · <a href="/store">JSON</a></p>
${newestFirst.map(
  (email) => html`<article class="email" aria-labelledby="subject-${email.messageId}">
<h2 id="subject-${email.messageId}">${email.subject}</h2>
<p class="meta">Till: ${email.destination.to.join(', ')} · Från: ${email.from} · ${when.format(new Date(email.at * 1000))}</p>
${email.attachments.length
    ? html`<p>Bilagor: ${join(
        email.attachments.map(
          (a, i) => html`<a href="/attachments/${encodeURIComponent(email.messageId)}/${i}" target="_blank" rel="noopener">${a.filename ?? '(namnlös)'}</a> (${Math.ceil(a.size / 1024)} kB)`,
        ),
        ', ',
      )}</p>`
    : ''}
${email.body.text ? html`<details open><summary>Text</summary><pre>${linkify(email.body.text)}</pre></details>` : ''}
${email.body.html ? html`<details><summary>HTML</summary><iframe title="${email.subject}" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${framedHtml(email.body.html)}"></iframe></details>` : ''}
</article>
`,
)}
</main>
</body>
</html>`.toString();
}
