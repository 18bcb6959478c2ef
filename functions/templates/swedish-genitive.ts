/**
 * The Swedish genitive of a name, by Språkrådet's rules (Svenska skrivregler):
 * - a name ending in s, x or z takes no ending: "Borås", "Stadskärnan Lax";
 * - an abbreviation takes a colon before the s: one written in capitals ("AB:s", "QM:s"), one
 *   ending in a period ("ek. för.:s"), and a name ending in a digit ("Kvarter 3:s");
 * - anything else takes a plain s: "Växjö Citys".
 * Organisation names come from the member register and the form as typed, so the rule runs on
 * the name as it is written (surrounding spaces ignored).
 */
export function genitive(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return trimmed;
  if (/[.\d]$/.test(trimmed)) return `${trimmed}:s`;
  const lastWord = trimmed.split(/\s+/).at(-1)!;
  // Two or more capitals (and nothing lower-case): an abbreviation such as AB, HB, KB or QM.
  if (/^\p{Lu}{2,}$/u.test(lastWord)) return `${trimmed}:s`;
  if (/[sxzSXZ]$/.test(trimmed)) return trimmed;
  return `${trimmed}s`;
}
