import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocumentClient } from '../../functions/adapters/aws-clients.js';
import { MemberRepository } from '../../functions/adapters/member.repository.js';
import { seedDemoMembers } from '../../functions/use-cases/seed-demo-members.js';
import { projectRoot } from '../function-defaults.js';

/**
 * Fills an empty member register with the fictional demo members so a fresh local system can be
 * used straight away. The use case decides "empty"; this only wires it. Call after the handlers'
 * environment is set (the runner's afterStart hook): the app's own DynamoDB client reads its
 * endpoint from it, and marshals the repository's items as the handlers do.
 */
export const DEMO_MEMBERS_CSV = 'examples/members.csv';

export async function seedLocalDemoMembers(tableName: string): Promise<number> {
  const csvText = await readFile(path.join(projectRoot, DEMO_MEMBERS_CSV), 'utf8');
  const members = new MemberRepository(getDocumentClient(), tableName);
  return seedDemoMembers({ members, now: () => new Date(), csvText });
}
