import { paths } from '../http/paths.js';
import { siteContact } from '../config/site-contact.js';
import { href, html, renderPage } from './layout.template.js';

/** The public pages around the service: the landing page, the privacy notice and "not found". */

export function renderLandingPage(): string {
  const body = html`<h1>Kvalitetsmärkning (QM) för stadskärnor</h1>
<p>Kvalitetsmärkningen (QM) från Svenska Stadskärnor visar att en stadskärnas aktörer – kommunen, fastighetsägarna, handeln och näringslivet – har en strukturerad, långsiktig och strategisk samverkan med tydliga gemensamma mål, att resultaten följs upp och att finansieringen vilar på avtal med alla parter.</p>
<p>En giltig kvalitetsmärkning krävs för att en stad ska kunna söka utmärkelsen <strong>Årets Stadskärna</strong>.</p>
<h2>Ansöka</h2>
<ul>
<li>Endast medlemmar i Svenska Stadskärnor kan ansöka, och det är kostnadsfritt.</li>
<li>Ansökan granskas av QM-ansvarig på Svenska Stadskärnor, som kan be er komplettera den innan beslut.</li>
<li>Kvalitetsmärkningen gäller i tre år och förnyas genom en enklare revidering. Vi påminner i god tid innan den går ut.</li>
</ul>
<p><a class="button" href="${href(paths.apply)}">Ansök om kvalitetsmärkning</a></p>
<p>Har ni redan en kvalitetsmärkning? Gör en <a href="${href(paths.revisionForm)}">revidering</a>, helst via länken i påminnelsen, där formuläret är ifyllt med er förra ansökan.</p>
<p>Frågorna fungerar också som checklista för att utvärdera era styrdokument och ert styrelsearbete.</p>
<h2>Vilka är kvalitetsmärkta?</h2>
<p>I <a href="${href(paths.register)}">QM-registret</a> ser du vilka samverkansorganisationer som har en giltig kvalitetsmärkning ett visst datum, och till och med vilket datum den gäller.</p>`;
  return renderPage({ title: 'Kvalitetsmärkning (QM) för stadskärnor', lang: 'sv', body });
}

/**
 * The privacy notice (GDPR art. 13): what is collected, why and on what basis, how long it is kept,
 * who sees it, and how to ask for access or erasure.
 */
export function renderPrivacyPage(): string {
  const { email } = siteContact();
  const body = html`<h1>Så behandlar vi personuppgifter</h1>
<p>Svenska Stadskärnor är personuppgiftsansvarig för de personuppgifter som behandlas i kvalitetsmärkningen (QM). Har du frågor, eller vill du använda dina rättigheter, skriv till <a href="mailto:${email}">${email}</a>.</p>

<h2>Vilka uppgifter vi samlar in</h2>
<ul>
<li><strong>Kontaktpersonen:</strong> namn, roll, e-postadress och telefonnummer, som de anges i ansökan.</li>
<li><strong>Ansökan:</strong> uppgifter om organisationen och svaren på frågorna. Svaren kan innehålla namn på personer, till exempel i en styrelse, om ni skriver dem.</li>
<li><strong>Medlemsregistret:</strong> organisationens registrerade kontaktadresser, som vi använder för att bekräfta vem som får ansöka för organisationen.</li>
<li><strong>Granskningen:</strong> granskarens e-postadress, beslut och kommentarer.</li>
<li><strong>Tekniska loggar:</strong> när sidor och funktioner används och eventuella fel. Loggarna innehåller inte länkarnas hemliga delar.</li>
</ul>

<h2>Varför, och med vilken rättslig grund</h2>
<p>Vi behandlar uppgifterna för att handlägga ansökan, ge besked om den, utfärda och förnya certifikat, påminna om revidering och föra det offentliga QM-registret. Den rättsliga grunden är vårt berättigade intresse av att driva kvalitetsmärkningen för våra medlemmar (artikel 6.1 f i dataskyddsförordningen). Utan kontaktuppgifterna kan vi inte handlägga ansökan.</p>

<h2>Hur länge vi sparar uppgifterna</h2>
<ul>
<li>En ansökan som leder till kvalitetsmärkning sparas så länge kvalitetsmärkningen gäller och därefter så länge en revidering kan göras, eftersom en revidering utgår från förra ansökan.</li>
<li>En ansökan som avslås, avböjs av medlemmen eller avslutas sparas för att granskaren ska kunna se organisationens tidigare ansökningar vid nästa ansökan.</li>
<li>Tekniska loggar sparas i sex månader.</li>
</ul>
<p>Du kan när som helst begära att uppgifter om dig raderas eller rättas (se nedan).</p>

<h2>Vem som ser uppgifterna</h2>
<ul>
<li>QM-ansvarig och granskare hos Svenska Stadskärnor ser hela ansökan.</li>
<li>Organisationens registrerade kontaktadress ser namn, roll och kontaktuppgifter för den som ansöker, när ansökan har skickats från en adress som inte finns i medlemsregistret.</li>
<li>Det offentliga <a href="${href(paths.register)}">QM-registret</a> och certifikatsidorna visar bara organisationens namn, organisationsnummer, ort och giltighetstid – inga personer.</li>
<li>Tjänsten drivs hos Amazon Web Services, som behandlar uppgifterna för vår räkning enligt ett personuppgiftsbiträdesavtal.</li>
</ul>
<p>Länkarna i våra e-postmeddelanden är personliga: den som har länken till statussidan ser ansökan och kontaktuppgifterna. Dela dem inte.</p>

<h2>Dina rättigheter</h2>
<p>Du har rätt att få veta vilka uppgifter vi har om dig (registerutdrag), att få felaktiga uppgifter rättade, att få uppgifter raderade och att invända mot behandlingen. Skriv till <a href="mailto:${email}">${email}</a> och berätta vilken ansökan det gäller. Vi svarar inom en månad.</p>
<p>Är du missnöjd med hur vi behandlar personuppgifter kan du klaga hos Integritetsskyddsmyndigheten (IMY).</p>`;
  return renderPage({ title: 'Så behandlar vi personuppgifter', lang: 'sv', body });
}

export function renderNotFoundPage(): string {
  const body = html`<h1>Sidan finns inte</h1>
<p>Vi hittar ingen sida på den här adressen. Kontrollera adressen, eller börja från någon av sidorna nedan.</p>
<ul>
<li><a href="${href(paths.home)}">Startsidan: om kvalitetsmärkningen</a></li>
<li><a href="${href(paths.apply)}">Ansök om kvalitetsmärkning</a></li>
<li><a href="${href(paths.register)}">QM-registret</a></li>
<li><a href="${href(paths.privacy)}">Så behandlar vi personuppgifter</a></li>
</ul>
<p>Kom du hit från en länk i ett e-postmeddelande? Kontrollera att hela länken kom med.</p>`;
  return renderPage({ title: 'Sidan finns inte', lang: 'sv', body });
}
