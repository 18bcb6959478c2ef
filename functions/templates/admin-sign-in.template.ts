import { href, html } from './layout.template.js';
import { renderPlainAdminPage } from './admin-layout.template.js';
import { paths } from '../http/paths.js';

/** The sentence the sign-in form answers with, whoever asked: it must not tell who is staff. */
export const neutralSignInAnswer = 'Om adressen tillhör personalen har vi skickat en inloggningslänk';

export function renderSignInForm(options: { error?: string; value?: string } = {}): string {
  return renderPlainAdminPage(
    'Logga in',
    html`<h1>Logga in på arbetsytan</h1>
<p>Arbetsytan är till för Svenska Stadskärnors personal som arbetar med kvalitetsmärkningen. Skriv din e-postadress så skickar vi en inloggningslänk. Länken gäller i 15 minuter och en gång.</p>
<form method="post" action="${href(paths.admin.signIn)}" novalidate>
  <div class="field ${options.error ? 'field-error' : ''}">
    <label for="field-email">E-postadress</label>
    ${options.error ? html`<span class="error-message" id="email-error">${options.error}</span>` : ''}
    <input type="email" name="email" id="field-email" autocomplete="email" required value="${options.value ?? ''}" ${options.error ? html`aria-invalid="true" aria-describedby="email-error"` : ''}>
  </div>
  <button type="submit">Skicka inloggningslänk</button>
</form>`,
  );
}

export function renderSignInSent(): string {
  return renderPlainAdminPage(
    'Kolla din e-post',
    html`<h1>Kolla din e-post</h1>
<div class="notice" role="status"><p>${neutralSignInAnswer}. Länken gäller i 15 minuter.</p></div>
<p>Kom inget mejl? Kontrollera adressen och skräpposten, och <a href="${href(paths.admin.signIn)}">försök igen</a>.</p>`,
  );
}

/** The link's page: a button, because mail scanners open links and opening must not sign anyone in. */
export function renderSignInButton(action: string): string {
  return renderPlainAdminPage(
    'Logga in',
    html`<h1>Logga in på arbetsytan</h1>
<p>Tryck på knappen för att logga in. Länken fungerar en gång.</p>
<form method="post" action="${action}"><button type="submit">Logga in</button></form>`,
  );
}

export function renderSignInLinkUnusable(): string {
  return renderPlainAdminPage(
    'Länken gäller inte',
    html`<h1>Länken gäller inte längre</h1>
<p>En inloggningslänk gäller i 15 minuter och kan bara användas en gång.</p>
<p><a href="${href(paths.admin.signIn)}">Be om en ny länk</a></p>`,
  );
}
