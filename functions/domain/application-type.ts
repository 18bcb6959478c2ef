/** The two kinds of application. `full`: new or restarted collaboration organisations. `revision`: the three-yearly revision. */
export const applicationTypes = ['full', 'revision'] as const;
export type ApplicationType = (typeof applicationTypes)[number];

export const isApplicationType = (value: unknown): value is ApplicationType =>
  typeof value === 'string' && (applicationTypes as readonly string[]).includes(value);
