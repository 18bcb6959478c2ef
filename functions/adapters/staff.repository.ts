import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { normaliseEmail, sendsWithinHour, sessionAbsoluteMs, sessionKeyPrefix, sessionIdleMs, signInMailsPerHour, type StaffSessionRecord } from '../domain/staff-session.js';
import { stripKeys } from './application.repository.js';
import { unlessConditionFails } from './conditional-write.js';
import type { StaffStore } from '../use-cases/ports.js';
import type { SignInToken, StaffMember } from '../domain/staff-session.js';

/**
 * Staff, their sign-in links and their sessions. Secrets are stored only as hashes.
 *   STAFF / <address>                 a staff member (removedAt once removed: never put back by the config)
 *   SIGNIN#<hash> / TOKEN             a sign-in link: address, valid until, used at (single use)
 *   SIGNINMAIL#<address> / RATE       when sign-in mails went to the address (at most 5 an hour)
 *   STAFFSESSION#<hash> / SESSION     a session: address, created, last seen, ended
 * Every item that may lapse carries `expiresAt` for the table's TTL; the code never relies on TTL
 * having run (dynalite has none).
 */
const staffKey = (email: string) => ({ pk: 'STAFF', sk: normaliseEmail(email) });
const signInKey = (hash: string) => ({ pk: `SIGNIN#${hash}`, sk: 'TOKEN' });
const signInRateKey = (email: string) => ({ pk: `SIGNINMAIL#${normaliseEmail(email)}`, sk: 'RATE' });
const sessionKey = (hash: string) => ({ pk: `${sessionKeyPrefix}${hash}`, sk: 'SESSION' });

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

export class StaffRepository implements StaffStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Puts the configured staff into the table unless they are there (or were removed there). */
  async ensureStaff(emails: readonly string[], now: Date): Promise<void> {
    for (const email of emails) {
      await unlessConditionFails(
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...staffKey(email), entity: 'Staff', email: normaliseEmail(email), addedAt: now.toISOString(), addedBy: 'stage configuration' },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    }
  }

  async isStaff(email: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: staffKey(email), ConsistentRead: true }));
    return Item !== undefined && Item.removedAt === undefined;
  }

  async list(): Promise<StaffMember[]> {
    const { Items } = await this.db.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'STAFF' } }),
    );
    return (Items ?? []).map((i) => stripKeys<StaffMember>(i));
  }

  /**
   * Records a sign-in mail to the address unless five went there in the last hour. A conditional
   * write on the counter's version: racing requests cannot both take the fifth place.
   */
  async claimSignInMail(email: string, now: Date): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: signInRateKey(email), ConsistentRead: true }));
      const recent = sendsWithinHour((Item?.sentAt as string[] | undefined) ?? [], now);
      if (recent.length >= signInMailsPerHour) return false;
      const version = (Item?.version as number | undefined) ?? 0;
      const written = await unlessConditionFails(
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...signInRateKey(email),
              entity: 'SignInRate',
              sentAt: [...recent, now.toISOString()],
              version: version + 1,
              expiresAt: epochSeconds(now.getTime() + 60 * 60_000) + 60,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR version = :version',
            ExpressionAttributeValues: { ':version': version },
          }),
        ),
      );
      if (written.ok) return true;
    }
    return false;
  }

  async putSignInToken(tokenHash: string, token: SignInToken): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...signInKey(tokenHash), entity: 'SignInToken', ...token, expiresAt: epochSeconds(Date.parse(token.validUntil)) + 24 * 3600 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findSignInToken(tokenHash: string): Promise<SignInToken | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: signInKey(tokenHash), ConsistentRead: true }));
    return Item ? stripKeys<SignInToken>(Item) : undefined;
  }

  /** Uses the link once: only the first of any number of racing redemptions within its validity wins. */
  async redeemSignInToken(tokenHash: string, now: Date): Promise<SignInToken | undefined> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: signInKey(tokenHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return updated.ok ? stripKeys<SignInToken>(updated.value.Attributes ?? {}) : undefined;
  }

  async createSession(sessionHash: string, email: string, now: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...sessionKey(sessionHash),
          entity: 'StaffSession',
          email: normaliseEmail(email),
          createdAt: now.toISOString(),
          lastSeenAt: now.toISOString(),
          expiresAt: epochSeconds(now.getTime() + sessionAbsoluteMs) + 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Marks the session used now, if it is still good (not ended, used within the idle limit, younger
   * than the absolute limit): one conditional write checks and extends it. Undefined otherwise.
   */
  async touchSession(sessionHash: string, now: Date): Promise<StaffSessionRecord | undefined> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(sessionHash),
          UpdateExpression: 'SET lastSeenAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endedAt) AND lastSeenAt > :idleCutoff AND createdAt > :absoluteCutoff',
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':idleCutoff': new Date(now.getTime() - sessionIdleMs).toISOString(),
            ':absoluteCutoff': new Date(now.getTime() - sessionAbsoluteMs).toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return updated.ok ? stripKeys<StaffSessionRecord>(updated.value.Attributes ?? {}) : undefined;
  }

  async getSession(sessionHash: string): Promise<StaffSessionRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: sessionKey(sessionHash), ConsistentRead: true }));
    return Item ? stripKeys<StaffSessionRecord>(Item) : undefined;
  }

  async endSession(sessionHash: string, now: Date): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(sessionHash),
          UpdateExpression: 'SET endedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      ),
    );
  }
}
