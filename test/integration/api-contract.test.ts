import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { generateSync } from 'json-schema-faker';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberRepository } from '../../functions/adapters/member.repository.js';
import { luhnCheckDigit } from '../../functions/domain/organisation-number.js';
import { importMembers } from '../../functions/use-cases/import-members.use-case.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { paths } from '../../functions/http/paths.js';

// Issue #14, as a client would try it: bodies generated from the published JSON Schema alone,
// with a real member's organisationsnummer and registered address put in, posted to the local
// system. The schema must say what the server accepts; every refusal must name a stated rule.
type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; oneOf?: Schema[]; description?: string };

const seed = Number(process.env.CONTRACT_SEED ?? Date.now() % 2 ** 31);
// Each accepted body starts a workflow that mails the applicant, the partners and the reviewer, so
// the sample is sized for the 2-core CI machine; CONTRACT_SEED varies it from run to run.
const fullBodies = 120;
const revisionBodies = 12;
let system: TestSystem;
let schema: Schema;

/** Fictional members, one per generated body: one open application per organisation is a rule. */
function fictionalMembers(count: number): { organisationNumber: string; email: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const nine = `8${String(31_000_000 + i).padStart(8, '0')}`;
    const digits = `${nine}${luhnCheckDigit(nine)}`;
    return { organisationNumber: `${digits.slice(0, 6)}-${digits.slice(6)}`, email: `kansli${i}@kontrakt${i}.example` };
  });
}
const members = fictionalMembers(fullBodies + revisionBodies);

beforeAll(async () => {
  console.log(`API contract test seed: ${seed} (replay with CONTRACT_SEED=${seed})`);
  system = await startTestSystem();
  const csv = ['organisationsnummer,name,town,email', ...members.map((m, i) => `${m.organisationNumber},Kontraktstad ${i},Kontraktstad,${m.email}`)].join('\n');
  const report = await importMembers({ members: new MemberRepository(system.documentClient, system.tableName), now: () => new Date() }, csv);
  expect(report.invalid).toEqual([]);
  schema = (await (await system.fetchApp(paths.api.applicationSchema)).json()) as Schema;
});
afterAll(async () => {
  await system?.stop();
});

/** The node of the schema branch at a dotted error path (`answers.statutesUrl`), if there is one. */
function nodeAt(branch: Schema, path: string): Schema | undefined {
  let node: Schema | undefined = branch;
  for (const name of path.split('.').filter(Boolean)) node = node?.properties?.[name];
  return node;
}

/** A stand-alone schema for one branch (full or revision), as a client generating bodies would use. */
const branchSchema = (index: number): Schema => ({ $schema: schema.$schema, ...schema.oneOf![index]! });

describe('the published JSON Schema', () => {
  it('names the deployment in its $id', () => {
    // Prepare (schema) / Act / Assess
    expect(schema.$id).toBe(`${system.baseUrl}/api/schema/application`);
  });

  it('accepts the README example', () => {
    // Prepare
    const ajv = addFormats.default(new Ajv2020({ allErrors: true, strict: false }));
    const example = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as unknown;

    // Act
    const valid = ajv.validate(schema, example);

    // Assess
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('describes the server: generated full applications are accepted, every refusal names a stated rule', async () => {
    // Prepare: bodies from the schema alone, then a real member's number and registered address
    const generate = (index: number, count: number, offset: number) =>
      Array.from({ length: count }, (_, i) => {
        const body = generateSync(branchSchema(index) as never, { seed: seed + offset + i, optionalsProbability: 0.5 }) as {
          type: string;
          organisation: Record<string, unknown>;
          contact: Record<string, unknown>;
        };
        const member = members[offset + i]!;
        body.organisation.organisationNumber = member.organisationNumber;
        body.contact.email = member.email;
        return body;
      });
    const bodies = [...generate(0, fullBodies, 0), ...generate(1, revisionBodies, fullBodies)];

    // Act
    // Four at a time, as several applicants would: each accepted one starts its workflow and mails.
    const send = async (body: (typeof bodies)[number]) => {
      const response = await system.fetchApp(paths.applications, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { body, status: response.status, contentType: response.headers.get('content-type') ?? '', answer: (await response.json()) as Record<string, unknown> };
    };
    const answers: Awaited<ReturnType<typeof send>>[] = [];
    for (let i = 0; i < bodies.length; i += 4) answers.push(...(await Promise.all(bodies.slice(i, i + 4).map(send))));

    // Assess: the full applications are accepted
    const full = answers.filter((a) => a.body.type === 'full');
    const accepted = full.filter((a) => a.status === 201);
    console.log(`API contract: ${accepted.length}/${full.length} generated full applications accepted; revisions: ${answers.slice(fullBodies).map((a) => a.status).join(',')}`);
    expect(full).toHaveLength(fullBodies);
    expect(accepted.length / full.length).toBeGreaterThanOrEqual(0.95);

    // Every refusal is problem+json naming a rule the schema's descriptions state.
    const topLevel = String(schema.description);
    const unexplained = answers
      .filter((a) => a.status >= 400)
      .flatMap((a) => {
        if (!a.contentType.startsWith('application/problem+json')) return [`${a.status} without problem+json`];
        if (a.status !== 400) {
          const name = String(a.answer.type).split('/').pop()!;
          return topLevel.includes(`problemtyp ${name}`) ? [] : [`${a.status} ${name}`];
        }
        const branch = schema.oneOf![a.body.type === 'full' ? 0 : 1]!;
        const errors = (a.answer.errors ?? []) as { path: string; message: string }[];
        return errors
          .filter((e) => !String(nodeAt(branch, e.path)?.description ?? '').includes(e.message) && !topLevel.includes(e.message))
          .map((e) => `400 ${e.path}: ${e.message} (value ${JSON.stringify(nodeAt(a.body as Schema, e.path))})`);
      });
    expect(unexplained).toEqual([]);
  }, 240_000);
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document naming this deployment', async () => {
    // Prepare
    const document = (await (await system.fetchApp(paths.api.openapi)).json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };

    // Act
    const validated = await SwaggerParser.validate(structuredClone(document) as never);

    // Assess
    expect(validated).toBeTruthy();
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: system.baseUrl }]);
    expect(Object.keys(document.paths)).toEqual(['/applications', '/api/register', '/api/criteria', '/certificates/{id}.json']);
  });

  it("a real submission's answer validates against the document's response schema", async () => {
    // Prepare
    type Operation = { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };
    const document = (await (await system.fetchApp(paths.api.openapi)).json()) as {
      paths: { '/applications': { post: Operation } };
      components: { schemas: Record<string, unknown> };
    };
    const ajv = addFormats.default(new Ajv2020({ allErrors: true, strict: false }));
    ajv.addSchema({ $id: 'doc', components: document.components });
    const responseSchema = (status: string, mediaType: string) => {
      const ref = document.paths['/applications'].post.responses[status]!.content[mediaType]!.schema.$ref;
      return ajv.getSchema(`doc${ref}`)!;
    };
    const example = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as { organisation: Record<string, string>; contact: Record<string, string> };
    const member = { organisationNumber: '802999-1000', email: 'info@exempelstad.example' };
    const body = { ...example, organisation: { ...example.organisation, organisationNumber: member.organisationNumber }, contact: { ...example.contact, email: member.email } };

    // Act
    const accepted = await system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `contract-${seed}` }, body: JSON.stringify(body) });
    const acceptedBody = (await accepted.json()) as unknown;
    const refused = await system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, contact: { ...body.contact, phone: 'ring mig' } }) });
    const refusedBody = (await refused.json()) as unknown;

    // Assess
    expect(accepted.status).toBe(201);
    const receipt = responseSchema('201', 'application/json');
    expect(receipt(acceptedBody), JSON.stringify(receipt.errors)).toBe(true);
    expect(refused.status).toBe(400);
    const problem = responseSchema('400', 'application/problem+json');
    expect(problem(refusedBody), JSON.stringify(problem.errors)).toBe(true);
  });
});
