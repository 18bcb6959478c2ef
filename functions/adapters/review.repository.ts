import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Assessment } from '../domain/assessment.js';
import type { RecordedDecision, ReviewRound } from '../domain/review.js';
import { stripKeys } from './application.repository.js';
import { unlessConditionFails } from './conditional-write.js';
import type { ReviewStore } from '../use-cases/ports.js';
import type { CompletionLink, CompletionRequest, ReviewLink } from '../domain/review.js';

/**
 * Review rounds and the links that act on them.
 *   APP#<id> / ROUND#<nnn>           one review round: its state, its one decision, the task token
 *   REVIEWLINK#<hash> / LINK         a reviewer's link → application, round, reviewer address
 *   APP#<id> / COMPLETION#<nnn>      a completion request: task token, when it was answered
 *   COMPLETIONLINK#<hash> / LINK     the applicant's completion link → application, round
 * Decision and task token live on the same item, so whichever of "decision recorded" and "workflow
 * waiting" comes second sees the first: a decision is never lost between reminders.
 */
const pad = (n: number) => String(n).padStart(3, '0');
const roundKey = (applicationId: string, round: number) => ({ pk: `APP#${applicationId}`, sk: `ROUND#${pad(round)}` });
const completionKey = (applicationId: string, round: number) => ({ pk: `APP#${applicationId}`, sk: `COMPLETION#${pad(round)}` });
const reviewLinkKey = (hash: string) => ({ pk: `REVIEWLINK#${hash}`, sk: 'LINK' });
const completionLinkKey = (hash: string) => ({ pk: `COMPLETIONLINK#${hash}`, sk: 'LINK' });

const oneYearSeconds = 366 * 24 * 60 * 60;

export class ReviewRepository implements ReviewStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Opens a round unless it exists (a retried step finds it and carries on). */
  async openRound(round: ReviewRound): Promise<ReviewRound> {
    const written = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...roundKey(round.applicationId, round.round), entity: 'ReviewRound', ...round },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (written.ok) return round;
    return (await this.getRound(round.applicationId, round.round))!;
  }

  async getRound(applicationId: string, round: number): Promise<ReviewRound | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: roundKey(applicationId, round), ConsistentRead: true }),
    );
    return Item ? stripKeys<ReviewRound>(Item) : undefined;
  }

  /** Stores the workflow's current task token; returns the round as it is now (maybe decided). */
  async attachTaskToken(applicationId: string, round: number, taskToken: string): Promise<ReviewRound | undefined> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: roundKey(applicationId, round),
          UpdateExpression: 'SET taskToken = :t',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': taskToken },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (!updated.ok) return undefined;
    return stripKeys<ReviewRound>(updated.value.Attributes ?? {});
  }

  /**
   * Records the round's one decision. Of any number of simultaneous attempts exactly one wins;
   * the others get the round as it is, with the winning decision.
   */
  async recordDecision(applicationId: string, round: number, decision: RecordedDecision): Promise<{ recorded: boolean; round: ReviewRound | undefined }> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: roundKey(applicationId, round),
          UpdateExpression: 'SET #decision = :d, #state = :decided',
          ConditionExpression: 'attribute_exists(pk) AND #state = :open AND attribute_not_exists(#decision)',
          ExpressionAttributeNames: { '#decision': 'decision', '#state': 'state' },
          ExpressionAttributeValues: { ':d': decision, ':decided': 'decided', ':open': 'open' },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (updated.ok) return { recorded: true, round: stripKeys<ReviewRound>(updated.value.Attributes ?? {}) };
    return { recorded: false, round: await this.getRound(applicationId, round) };
  }

  /** Keeps an assessment on an open, undecided round (`decision=save`); false once the round is decided or closed. */
  async saveAssessment(applicationId: string, round: number, assessment: Assessment, by: string, at: string): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: roundKey(applicationId, round),
          UpdateExpression: 'SET assessment = :a, assessmentSavedBy = :by, assessmentSavedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #state = :open AND attribute_not_exists(#decision)',
          ExpressionAttributeNames: { '#state': 'state', '#decision': 'decision' },
          ExpressionAttributeValues: { ':a': assessment, ':by': by, ':at': at, ':open': 'open' },
        }),
      ),
    );
    return written.ok;
  }

  /** Closes an undecided round (overdue, or the application failed). Returns the round after. */
  async closeRound(applicationId: string, round: number, reason: string, at: string): Promise<ReviewRound | undefined> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: roundKey(applicationId, round),
          UpdateExpression: 'SET #state = :closed, closedAt = :at, closedReason = :reason',
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':at': at, ':reason': reason },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (updated.ok) return stripKeys<ReviewRound>(updated.value.Attributes ?? {});
    return this.getRound(applicationId, round);
  }

  /**
   * Starts a new generation of links for an open round (older links stop working), optionally with
   * other reviewers. Returns the round after, or undefined when the round is not open.
   */
  async reissueLinks(applicationId: string, round: number, reviewers?: string[]): Promise<ReviewRound | undefined> {
    const values: Record<string, unknown> = { ':open': 'open', ':zero': 0, ':one': 1 };
    let update = 'SET linkGeneration = if_not_exists(linkGeneration, :zero) + :one';
    if (reviewers) {
      values[':reviewers'] = reviewers;
      update += ', reviewers = :reviewers';
    }
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: roundKey(applicationId, round),
          UpdateExpression: update,
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return updated.ok ? stripKeys<ReviewRound>(updated.value.Attributes ?? {}) : undefined;
  }

  /** Moves an open completion request's deadline (staff gave more time). False when it is no longer open. */
  async extendCompletion(applicationId: string, round: number, deadline: string, at: string): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: completionKey(applicationId, round),
          UpdateExpression: 'SET deadline = :deadline, extendedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt) AND attribute_not_exists(closedAt) AND deadline < :deadline',
          ExpressionAttributeValues: { ':deadline': deadline, ':at': at },
        }),
      ),
    );
    return written.ok;
  }

  async putReviewLink(link: ReviewLink, now: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...reviewLinkKey(link.tokenHash),
          entity: 'ReviewLink',
          ...link,
          expiresAt: Math.floor(now.getTime() / 1000) + oneYearSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findReviewLink(tokenHash: string): Promise<ReviewLink | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: reviewLinkKey(tokenHash) }));
    return Item ? stripKeys<ReviewLink>(Item) : undefined;
  }

  /** Creates the completion request, or attaches a new task token to the existing one (retries). */
  async upsertCompletionRequest(request: CompletionRequest): Promise<CompletionRequest> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: completionKey(request.applicationId, request.round),
        UpdateExpression:
          'SET entity = :entity, applicationId = :app, #round = :round, requestedAt = if_not_exists(requestedAt, :requestedAt), #comment = :comment, criteria = :criteria, deadline = if_not_exists(deadline, :deadline), taskToken = :token',
        ExpressionAttributeNames: { '#comment': 'comment', '#round': 'round' },
        ExpressionAttributeValues: {
          ':entity': 'CompletionRequest',
          ':app': request.applicationId,
          ':round': request.round,
          ':requestedAt': request.requestedAt,
          ':comment': request.comment,
          ':criteria': request.criteria ?? [],
          ':deadline': request.deadline,
          ':token': request.taskToken,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<CompletionRequest>(Attributes ?? {});
  }

  async getCompletionRequest(applicationId: string, round: number): Promise<CompletionRequest | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: completionKey(applicationId, round), ConsistentRead: true }),
    );
    return Item ? stripKeys<CompletionRequest>(Item) : undefined;
  }

  /**
   * Marks the completion answered; only the first answer counts. What the application said before
   * is kept on the request, so the completion replaces nothing for good.
   */
  async answerCompletion(
    applicationId: string,
    round: number,
    at: string,
    previousContent: Record<string, unknown>,
    submittedContent: Record<string, unknown>,
  ): Promise<{ answered: boolean; request: CompletionRequest | undefined }> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: completionKey(applicationId, round),
          UpdateExpression: 'SET answeredAt = :at, previousContent = :previous, submittedContent = :submitted',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt) AND attribute_not_exists(closedAt)',
          ExpressionAttributeValues: { ':at': at, ':previous': previousContent, ':submitted': submittedContent },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (updated.ok) return { answered: true, request: stripKeys<CompletionRequest>(updated.value.Attributes ?? {}) };
    return { answered: false, request: await this.getCompletionRequest(applicationId, round) };
  }

  /**
   * Closes an unanswered completion request at its deadline; one whose deadline staff moved later
   * stays open (unless `force`: the application was withdrawn).
   */
  async closeCompletion(applicationId: string, round: number, at: string, force = false): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: completionKey(applicationId, round),
          UpdateExpression: 'SET closedAt = :at',
          ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(answeredAt) AND attribute_not_exists(closedAt)${force ? '' : ' AND (attribute_not_exists(extendedAt) OR deadline <= :at)'}`,
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
    return written.ok;
  }

  async putCompletionLink(link: CompletionLink, now: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...completionLinkKey(link.tokenHash), entity: 'CompletionLink', ...link, expiresAt: Math.floor(now.getTime() / 1000) + oneYearSeconds },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findCompletionLink(tokenHash: string): Promise<CompletionLink | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: completionLinkKey(tokenHash) }));
    return Item ? stripKeys<CompletionLink>(Item) : undefined;
  }
}
