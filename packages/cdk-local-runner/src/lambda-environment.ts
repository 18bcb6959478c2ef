import type { LocalFunction } from './cloud-assembly.js';

/**
 * All handlers share one process, hence one `process.env`. It is the union of the functions'
 * environments from the template, then the local endpoints, then the caller's overrides. Two
 * functions giving one variable different values cannot both be honoured, so that fails loudly
 * (unless a local value or an override decides it).
 */
export function composeEnvironment(
  functions: Iterable<LocalFunction>,
  local: Record<string, string>,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const decided = new Set([...Object.keys(local), ...Object.keys(overrides)]);
  const union: Record<string, string> = {};
  const origin: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const fn of functions) {
    for (const [key, value] of Object.entries(fn.environment)) {
      if (key in union && union[key] !== value && !decided.has(key)) {
        conflicts.push(`${key}: ${origin[key]}=${JSON.stringify(union[key])} vs ${fn.logicalId}=${JSON.stringify(value)}`);
      }
      union[key] = value;
      origin[key] ??= fn.logicalId;
    }
  }
  if (conflicts.length) {
    throw new Error(`Functions disagree on environment variables; one process cannot honour both:\n  ${conflicts.join('\n  ')}`);
  }
  return { ...union, ...local, ...overrides };
}

/** Sets the variables and returns a function that restores what was there before. */
export function applyEnvironment(env: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
