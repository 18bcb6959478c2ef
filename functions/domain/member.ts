/** A member organisation of Svenska Stadskärnor: only members may apply. */
export interface Member {
  organisationNumber: string;
  name: string;
  town: string;
  /**
   * The member's registered contact addresses ("registrerad kontaktperson"): the only addresses the
   * system trusts for the member until the member confirms another. At least one.
   */
  emails: string[];
}

/** Whether an address is one the member registered; addresses compare case-insensitively. */
export function isRegisteredAddress(member: Pick<Member, 'emails'>, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  return member.emails.some((e) => e.toLowerCase() === wanted);
}

/** The register's `email` column: one address or several separated by `;`. */
export function splitRegisteredAddresses(column: string): string[] {
  return column
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean);
}
