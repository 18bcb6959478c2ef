import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApplicationRecord } from '../../functions/domain/application-record.js';

/**
 * Local only. The local Step Functions interpreter keeps executions in memory, so after a restart
 * an application that was still before its decision has no workflow. The lifecycle's first steps
 * are idempotent (acknowledge, open or reuse the review round, send each invitation once), so
 * starting it again resumes such an application where it was: waiting for the reviewer.
 * Applications waiting for a completion are not resumed (their next step would open a new round).
 */
const resumable = ['awaiting_confirmation', 'submitted', 'acknowledged', 'in_review'];

/** What resuming needs of an application (executionName is set after a restart; see executionNameOf). */
export type WaitingApplication = Pick<ApplicationRecord, 'id' | 'executionName'>;

export async function resumeWaitingWorkflows(
  db: DynamoDBDocumentClient,
  tableName: string,
  start: (application: WaitingApplication) => void,
): Promise<number> {
  let resumed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: `entity = :application AND #status IN (${resumable.map((_, i) => `:s${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':application': 'Application', ...Object.fromEntries(resumable.map((s, i) => [`:s${i}`, s])) },
        ProjectionExpression: 'id, executionName',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      start(item as WaitingApplication);
      resumed++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return resumed;
}
