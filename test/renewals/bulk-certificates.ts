import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Certificate } from '../../functions/domain/certificate.js';
import { nextPendingStage, renewalStages } from '../../functions/domain/renewal-stages.js';
import type { TestTable } from './dynalite-table.js';

/**
 * The item CertificateRepository.create writes, for loading thousands with BatchWriteItem; the
 * read-count test checks it against the repository so the two cannot drift apart.
 */
export function certificateItem(c: Certificate, reminderDays: readonly number[]) {
  const first = nextPendingStage(renewalStages(c.validUntil, reminderDays), {});
  return {
    pk: `CERT#${c.certificateId}`,
    sk: 'CERT',
    entity: 'Certificate',
    ...c,
    renewal: {},
    gsi2pk: 'CERT',
    gsi2sk: `${c.validUntil}#${c.certificateId}`,
    ...(first ? { gsi1pk: 'RENEWAL', gsi1sk: `${first.dueDate}#${c.certificateId}` } : {}),
  };
}

/** Writes items 25 at a time from 8 workers, retrying what DynamoDB leaves unprocessed. */
export async function batchWrite(table: TestTable, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const maxAttempts = 20;
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 1; requests.length > 0; attempt++) {
        if (attempt > maxAttempts) throw new Error(`BatchWriteItem left ${requests.length} items unprocessed after ${maxAttempts} attempts`);
        const result = await table.db.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
