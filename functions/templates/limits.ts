/** "4 000": a length limit as Swedish readers write numbers (a space between thousands). */
export function formatLimit(limit: number): string {
  // A no-break space: the number must not wrap in the middle.
  return limit.toLocaleString('sv-SE').replace(/\s/g, '\u00a0');
}
