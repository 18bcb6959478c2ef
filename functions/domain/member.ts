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
  /**
   * The last day of membership, when it has ended or will end: no application is accepted after it
   * (a certificate already issued stays valid to its end).
   */
  membershipEndsOn?: string;
}

/** A member may apply on a date unless its membership ended before it. */
export function isMemberOn(member: Pick<Member, 'membershipEndsOn'>, date: string): boolean {
  return member.membershipEndsOn === undefined || date <= member.membershipEndsOn;
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
