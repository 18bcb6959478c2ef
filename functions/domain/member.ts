/** A member organisation of Svenska Stadskärnor: only members may apply. */
export interface Member {
  organisationNumber: string;
  name: string;
  town: string;
  email: string;
}
