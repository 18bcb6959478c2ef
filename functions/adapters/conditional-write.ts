import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/**
 * Awaits a conditional DynamoDB write: `{ ok: true, value }` with its output, or `{ ok: false }`
 * when the condition failed; any other error is rethrown. Single-item conditional writes are how
 * this system gets exactly-once effects (first create wins, one decision per round, one claim per
 * stage); only a new submission writes several items, in one transaction
 * (ApplicationRepository.submit). A failed condition is an expected answer ("someone got there
 * first"), not an error.
 */
export async function unlessConditionFails<T>(write: Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await write };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { ok: false };
    throw error;
  }
}
