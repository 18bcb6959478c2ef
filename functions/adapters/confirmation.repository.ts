import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MemberConfirmation, MemberConfirmationDecision } from '../domain/member-confirmation.js';
import { stripKeys } from './application.repository.js';
import { unlessConditionFails } from './conditional-write.js';
import type { ConfirmationStore } from '../use-cases/ports.js';

/**
 * The member's confirmation of who applies, for an application sent from an address the member
 * has not registered.
 *   APP#<id> / CONFIRMATION       the request: where it was sent, the deadline, the workflow's task
 *                                 token, and its one answer (or that it was closed at the deadline)
 *   CONFIRMLINK#<hash> / LINK     the member's private link → application id
 * Answer and task token live on the same item, so whichever of "answered" and "workflow waiting"
 * comes second sees the first.
 */
const confirmationKey = (applicationId: string) => ({ pk: `APP#${applicationId}`, sk: 'CONFIRMATION' });
const confirmationLinkKey = (hash: string) => ({ pk: `CONFIRMLINK#${hash}`, sk: 'LINK' });
const linkLifetimeSeconds = 366 * 24 * 60 * 60;

export class ConfirmationRepository implements ConfirmationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates the request, or attaches the current task token to it (a retried or resumed step). */
  async upsert(request: Pick<MemberConfirmation, 'applicationId' | 'requestedAt' | 'deadline' | 'sentTo' | 'taskToken'>): Promise<MemberConfirmation> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: confirmationKey(request.applicationId),
        UpdateExpression:
          'SET entity = :entity, applicationId = :app, requestedAt = if_not_exists(requestedAt, :requestedAt), deadline = if_not_exists(deadline, :deadline), sentTo = if_not_exists(sentTo, :sentTo), taskToken = :token',
        ExpressionAttributeValues: {
          ':entity': 'MemberConfirmation',
          ':app': request.applicationId,
          ':requestedAt': request.requestedAt,
          ':deadline': request.deadline,
          ':sentTo': request.sentTo,
          ':token': request.taskToken,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<MemberConfirmation>(Attributes ?? {});
  }

  async get(applicationId: string): Promise<MemberConfirmation | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: confirmationKey(applicationId), ConsistentRead: true }));
    return Item ? stripKeys<MemberConfirmation>(Item) : undefined;
  }

  /** Records the one answer; of racing answers (or an answer racing the deadline) exactly one wins. */
  async answer(applicationId: string, decision: MemberConfirmationDecision, by: string, at: string): Promise<{ answered: boolean; confirmation: MemberConfirmation | undefined }> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: confirmationKey(applicationId),
          UpdateExpression: 'SET decision = :d, decidedBy = :by, decidedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(decision) AND attribute_not_exists(closedAt)',
          ExpressionAttributeValues: { ':d': decision, ':by': by, ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (updated.ok) return { answered: true, confirmation: stripKeys<MemberConfirmation>(updated.value.Attributes ?? {}) };
    return { answered: false, confirmation: await this.get(applicationId) };
  }

  /** Closes an unanswered request at its deadline; false when an answer came first. */
  async close(applicationId: string, at: string): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: confirmationKey(applicationId),
          UpdateExpression: 'SET closedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(decision) AND attribute_not_exists(closedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
    return written.ok;
  }

  async putLink(tokenHash: string, applicationId: string, now: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...confirmationLinkKey(tokenHash),
          entity: 'ConfirmationLink',
          tokenHash,
          applicationId,
          expiresAt: Math.floor(now.getTime() / 1000) + linkLifetimeSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findLink(tokenHash: string): Promise<{ applicationId: string } | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: confirmationLinkKey(tokenHash) }));
    return Item ? { applicationId: Item.applicationId as string } : undefined;
  }
}
