import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MemberRepository } from '../../functions/adapters/member.repository.js';
import type { Member } from '../../functions/domain/member.js';
import { luhnCheckDigit } from '../../functions/domain/organisation-number.js';

/** Members for tests and benchmarks (no vitest here: the benchmarks import it too). */
const exampleFull = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as {
  organisation: Record<string, unknown> & { name: string };
  contact: { name: string; email: string } & Record<string, unknown>;
  answers: Record<string, unknown>;
};

/** Direct access to the local system's table, for putting fixtures (members) in place. */
export interface MemberRegistry {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
}

/** A valid organisation number no other test uses (80xxxx-xxxx with its Luhn check digit). */
export function freshOrganisationNumber(): string {
  const nine = `80${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

/**
 * Registers a new member, so that a test has an organisation of its own (one open application per
 * organisation is the rule). By default the example application's contact is a registered address.
 */
export async function registerFreshMember(system: MemberRegistry, overrides: Partial<Member> = {}): Promise<Member> {
  const member: Member = {
    organisationNumber: freshOrganisationNumber(),
    name: 'Exempelstad City',
    town: 'Exempelstad',
    emails: [exampleFull.contact.email],
    ...overrides,
  };
  await new MemberRepository(system.documentClient, system.tableName).upsertMany([member], new Date());
  return member;
}

/** The example application for an organisation (by default the demo member of the README). */
export function exampleFor(organisationNumber: string, name = exampleFull.organisation.name) {
  return { ...exampleFull, organisation: { ...exampleFull.organisation, organisationNumber, name } };
}

