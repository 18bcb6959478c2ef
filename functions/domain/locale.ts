/** The languages the service speaks: Swedish first, English second. */
export const locales = ['sv', 'en'] as const;
export type Locale = (typeof locales)[number];
