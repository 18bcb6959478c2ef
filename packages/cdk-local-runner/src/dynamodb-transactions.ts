import http, { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { close, listen, readBody } from './http-util.js';

/**
 * TransactWriteItems for the local DynamoDB. dynalite has no transactions, so the local runner
 * implements them on top of dynalite's own single-item operations, with the two guarantees the
 * system relies on:
 *
 * - **Serialised.** An item is locked by whatever reads or writes it: a single-item operation
 *   (GetItem, PutItem, UpdateItem, DeleteItem) holds its item's lock, a transaction holds the locks
 *   of all its items from its first write to its last. So a transaction's conditions are checked
 *   against the state its writes apply to, and a single-item operation sees a transaction entirely or
 *   not at all, as in DynamoDB. Operations on other items are not held up. Operations over many items
 *   (Query, Scan, the batch operations, table operations) and transactions exclude each other
 *   through a second lock, so those never see a transaction half done either (DynamoDB's guarantee
 *   for them, read-committed, is weaker).
 * - **All or nothing.** Each action is applied by dynalite as the conditional single-item write it
 *   corresponds to (Put → PutItem, Update → UpdateItem, Delete → DeleteItem, ConditionCheck →
 *   DeleteItem whose old image is put back), with `ReturnValues: ALL_OLD`, so the item's previous
 *   image comes back with the write. The actions touch distinct items (as in DynamoDB, two on one
 *   item are refused), so each condition sees the state before the transaction. If any condition
 *   fails, or dynalite refuses an action, every applied action is undone from its previous image and
 *   the answer is DynamoDB's: `TransactionCanceledException` with one `CancellationReasons` entry per
 *   action (`None` or `ConditionalCheckFailed`, with the item when the action asked for
 *   `ReturnValuesOnConditionCheckFailure: ALL_OLD`), or the action's ValidationException.
 *
 * Not implemented: TransactGetItems, `ClientRequestToken` idempotency, the 4 MB transaction size.
 * dynalite's operations run on a second, internal server (loopback, any port) that only this module
 * calls, so the transaction's own writes do not wait for the locks it holds.
 */

type Json = Record<string, unknown>;
type AttributeMap = Record<string, unknown>;

const TARGET_PREFIX = 'DynamoDB_20120810.';
const JSON_TYPE = 'application/x-amz-json-1.0';
const MAX_ACTIONS = 100;

export interface TransactionalDynamo {
  stop(): Promise<void>;
}

const SINGLE_ITEM = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);

/** Puts the locks and TransactWriteItems in front of a dynalite server (before it listens). */
export async function addTransactions(server: Server): Promise<TransactionalDynamo> {
  const dynalite = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  const inner = http.createServer((req, res) => {
    for (const listener of dynalite) listener.call(server, req, res);
  });
  const innerPort = await listen(inner, 0);
  const scope = new ReadWriteLock();
  const items = new KeyLocks();
  const keySchemas = new Map<string, string[]>();
  const ctx: Context = { innerPort, keySchemas };

  /** Hands the request to dynalite and resolves when it has answered. */
  const pass = (req: IncomingMessage, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      res.once('close', resolve);
      for (const listener of dynalite) listener.call(server, req, res);
    });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    if (operation === 'TransactWriteItems') {
      void transactWriteItems(req, res, ctx, (keys, fn) => scope.exclusive(() => items.hold(keys, fn)));
    } else if (SINGLE_ITEM.has(operation) && req.method === 'POST') {
      void singleItem(req, res, operation, ctx, items, pass);
    } else {
      void scope.shared(() => pass(req, res));
    }
  });

  return { stop: () => close(inner) };
}

/** A single-item operation under its item's lock; dynalite reads the body again from a copy. */
async function singleItem(req: IncomingMessage, res: ServerResponse, operation: string, ctx: Context, items: KeyLocks, pass: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch {
    return;
  }
  const replay = Object.assign(Readable.from([body]), { headers: req.headers, method: req.method, url: req.url, httpVersion: req.httpVersion, socket: req.socket }) as unknown as IncomingMessage;
  let lockKey: string | undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Json;
    const table = parsed.TableName;
    if (typeof table === 'string') {
      const call = (op: string, b: Json) => callDynalite(ctx.innerPort, forwardedHeaders(req.headers), op, b);
      const key = operation === 'PutItem' ? keyOf((parsed.Item ?? {}) as AttributeMap, await keySchema(table, call, ctx.keySchemas)) : ((parsed.Key ?? {}) as AttributeMap);
      lockKey = itemId(table, key);
    }
  } catch {
    // Malformed, or an unknown table: dynalite gives the error, no lock is needed.
  }
  if (lockKey === undefined) return pass(replay, res);
  return items.hold([lockKey], () => pass(replay, res));
}

const itemId = (table: string, key: AttributeMap) => `${table}\u0000${JSON.stringify(Object.keys(key).sort().map((k) => [k, key[k]]))}`;

interface Context {
  innerPort: number;
  keySchemas: Map<string, string[]>;
}

class DynamoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly extra: Json = {},
    readonly status = 400,
  ) {
    super(message);
  }
}

type ActionKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
interface Action {
  kind: ActionKind;
  body: Json;
  table: string;
  key: AttributeMap;
}

type Outcome = { ok: true; old?: AttributeMap } | { ok: false; conditionFailed: true } | { ok: false; conditionFailed: false; error: DynamoError };

type Hold = (keys: string[], fn: () => Promise<void>) => Promise<void>;

async function transactWriteItems(req: IncomingMessage, res: ServerResponse, ctx: Context, hold: Hold): Promise<void> {
  try {
    const raw = await readBody(req, 16 * 1024 * 1024);
    const headers = forwardedHeaders(req.headers);
    const call = (operation: string, body: Json) => callDynalite(ctx.innerPort, headers, operation, body);
    let request: Json;
    try {
      request = JSON.parse(raw.toString('utf8') || '{}') as Json;
    } catch {
      throw new DynamoError('com.amazon.coral.service#SerializationException', 'Start of structure or map found where not expected.');
    }
    const actions = await parseActions(request, call, ctx.keySchemas);
    await hold(
      actions.map((a) => itemId(a.table, a.key)),
      () => applyAll(res, actions, call),
    );
  } catch (error) {
    answerError(res, error);
  }
}

async function applyAll(res: ServerResponse, actions: Action[], call: Call): Promise<void> {
  try {
    const outcomes = await Promise.all(actions.map((action) => apply(action, call)));
    // A condition check changes nothing: its item is put back whatever the outcome.
    await Promise.all(actions.map((action, i) => (action.kind === 'ConditionCheck' ? undo(action, outcomes[i]!, call) : undefined)));
    if (outcomes.every((o) => o.ok)) return reply(res, 200, {});

    await Promise.all(actions.map((action, i) => (action.kind !== 'ConditionCheck' ? undo(action, outcomes[i]!, call) : undefined)));
    const refused = outcomes.find((o): o is Extract<Outcome, { conditionFailed: false }> => !o.ok && !o.conditionFailed);
    if (refused) throw refused.error;
    const reasons = await Promise.all(
      actions.map(async (action, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) return { Code: 'None' };
        const reason: Json = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
        if (action.body.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') {
          const { Item } = (await call('GetItem', { TableName: action.table, Key: action.key, ConsistentRead: true })) as { Item?: AttributeMap };
          if (Item) reason.Item = Item;
        }
        return reason;
      }),
    );
    throw new DynamoError(
      'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      { CancellationReasons: reasons },
    );
  } catch (error) {
    answerError(res, error);
  }
}

function answerError(res: ServerResponse, error: unknown): void {
  if (error instanceof DynamoError) return reply(res, error.status, { __type: error.type, message: error.message, ...error.extra });
  console.error('local DynamoDB TransactWriteItems:', error);
  reply(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error) });
}

async function parseActions(request: Json, call: Call, keySchemas: Map<string, string[]>): Promise<Action[]> {
  const items = request.TransactItems;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ACTIONS) {
    throw validation(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length between 1 and ${MAX_ACTIONS}`);
  }
  const seen = new Set<string>();
  const actions: Action[] = [];
  for (const item of items as Json[]) {
    const kinds = (['Put', 'Update', 'Delete', 'ConditionCheck'] as const).filter((k) => item?.[k] !== undefined);
    if (kinds.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    const kind = kinds[0]!;
    const body = item[kind] as Json;
    const table = body.TableName;
    if (typeof table !== 'string') throw validation("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    if (kind === 'ConditionCheck' && typeof body.ConditionExpression !== 'string') throw validation('ConditionCheck requires a ConditionExpression');
    const key = kind === 'Put' ? keyOf((body.Item ?? {}) as AttributeMap, await keySchema(table, call, keySchemas)) : ((body.Key ?? {}) as AttributeMap);
    const id = itemId(table, key);
    if (seen.has(id)) throw validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    actions.push({ kind, body, table, key });
  }
  return actions;
}

async function keySchema(table: string, call: Call, cache: Map<string, string[]>): Promise<string[]> {
  let names = cache.get(table);
  if (!names) {
    const { Table } = (await call('DescribeTable', { TableName: table })) as { Table: { KeySchema: Array<{ AttributeName: string }> } };
    names = Table.KeySchema.map((k) => k.AttributeName);
    cache.set(table, names);
  }
  return names;
}

const keyOf = (item: AttributeMap, names: string[]): AttributeMap => Object.fromEntries(names.filter((n) => n in item).map((n) => [n, item[n]]));

/** The action as dynalite's conditional single-item write, returning the item's previous image. */
async function apply(action: Action, call: Call): Promise<Outcome> {
  const { ReturnValuesOnConditionCheckFailure: _returnOnFailure, ...body } = action.body;
  const [operation, input]: [string, Json] =
    action.kind === 'Put'
      ? ['PutItem', { ...body, ReturnValues: 'ALL_OLD' }]
      : action.kind === 'Update'
        ? ['UpdateItem', { ...body, ReturnValues: 'ALL_OLD' }]
        : ['DeleteItem', { ...body, ReturnValues: 'ALL_OLD' }];
  try {
    const { Attributes } = (await call(operation, input)) as { Attributes?: AttributeMap };
    return { ok: true, ...(Attributes ? { old: Attributes } : {}) };
  } catch (error) {
    if (error instanceof DynamoError && error.type.endsWith('#ConditionalCheckFailedException')) return { ok: false, conditionFailed: true };
    if (error instanceof DynamoError) return { ok: false, conditionFailed: false, error };
    throw error;
  }
}

/** Puts an applied action's item back as it was (or removes it when it did not exist). */
async function undo(action: Action, outcome: Outcome, call: Call): Promise<void> {
  if (!outcome.ok) return;
  if (outcome.old) await call('PutItem', { TableName: action.table, Item: outcome.old });
  else if (action.kind !== 'ConditionCheck' && action.kind !== 'Delete') await call('DeleteItem', { TableName: action.table, Key: action.key });
}

type Call = (operation: string, body: Json) => Promise<Json>;

/** One operation on dynalite (the internal server), with the caller's signature headers. */
function callDynalite(port: number, headers: Record<string, string>, operation: string, body: Json): Promise<Json> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: { ...headers, 'content-type': JSON_TYPE, 'x-amz-target': `${TARGET_PREFIX}${operation}`, 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        readBody(res)
          .then((buffer) => {
            const parsed = (buffer.length ? JSON.parse(buffer.toString('utf8')) : {}) as Json;
            if ((res.statusCode ?? 500) >= 400) {
              const { __type, message, Message, ...extra } = parsed;
              reject(new DynamoError(String(__type), String(message ?? Message ?? ''), extra, res.statusCode));
            } else resolve(parsed);
          })
          .catch(reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** dynalite checks that a request is signed (not the signature itself): the transaction's headers do. */
function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['authorization', 'x-amz-date', 'x-amz-security-token', 'host']) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

const validation = (message: string) => new DynamoError('com.amazon.coral.validate#ValidationException', message);

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One holder per item at a time; several items are taken in a fixed order, so two holders never wait on each other. */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async hold<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    for (const key of [...new Set(keys)].sort()) {
      const previous = this.tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const done = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => done);
      this.tails.set(key, tail);
      releases.push(() => {
        release();
        if (this.tails.get(key) === tail) this.tails.delete(key);
      });
      await previous;
    }
    try {
      return await fn();
    } finally {
      for (const release of releases) release();
    }
  }
}

/** Many shared holders or one exclusive holder, granted in arrival order (a waiting transaction is not starved). */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Array<{ exclusive: boolean; grant: () => void }> = [];

  shared<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(false, fn);
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(true, fn);
  }

  private async run<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((grant) => {
      this.queue.push({ exclusive, grant });
      this.pump();
    });
    try {
      return await fn();
    } finally {
      if (exclusive) this.writer = false;
      else this.readers--;
      this.pump();
    }
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.writer) {
      const next = this.queue[0]!;
      if (next.exclusive) {
        if (this.readers > 0) return;
        this.writer = true;
      } else this.readers++;
      this.queue.shift();
      next.grant();
    }
  }
}
