import { describe, expect, it } from 'vitest';
import { uiMessages } from '../../functions/templates/messages.js';
import { validationMessages } from '../../functions/templates/validation-messages.js';

// Every per-locale message table, by name: each locale must have the same keys, all the way down,
// so that no page or answer falls back to the other language. Add a table here when you add one.
const tables = {
  uiMessages,
  validationMessages,
};

/** The dotted paths of every leaf (string or function) in a table. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value)
    .flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key))
    .sort();
}

describe('the message tables', () => {
  it.each(Object.entries(tables))('%s has the same keys in every locale', (_name, table) => {
    // Prepare
    const [first, ...others] = Object.values(table as Record<string, unknown>);

    // Act
    const expected = keyPaths(first);

    // Assess
    for (const other of others) expect(keyPaths(other)).toEqual(expected);
  });
});
