/** The response a request with an Idempotency-Key got, to replay for a retry of it. */
export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyRecord {
  requestHash: string;
  applicationId: string;
  state: 'in_progress' | 'completed';
  startedAt: string;
  response?: StoredResponse;
}

/** A request done, to be recorded with its key in the same transaction as its writes. */
export interface CompletedRequest {
  keyHash: string;
  record: Omit<IdempotencyRecord, 'state' | 'response'>;
  response: StoredResponse;
  now: Date;
}
