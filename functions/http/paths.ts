/**
 * Public URL paths that pages, mails and handlers link to. Routes themselves are declared with
 * their functions in infra/lambda-functions.ts; these are the addresses people are sent to.
 */
export const paths = {
  /** The full application form ("QM-ansökan"); `?type=revision` for the revision form. */
  apply: '/apply',
  register: '/register',
  privacy: '/integritet',
  /** The one style sheet of every page (templates/site-styles.ts). */
  styles: '/styles.css',
} as const;
