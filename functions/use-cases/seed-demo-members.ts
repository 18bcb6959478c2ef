import type { MemberStore } from './ports.js';
import { importMembers } from './import-members.use-case.js';

/**
 * Fills an empty member register with the fictional demo members (examples/members.csv), so a new
 * user can apply straight away. A register that has anyone in it is left alone.
 */
export async function seedDemoMembers(deps: { members: MemberStore; now: () => Date; csvText: string }): Promise<number> {
  if (!(await deps.members.isEmpty())) return 0;
  const report = await importMembers(deps, deps.csvText);
  return report.imported;
}
