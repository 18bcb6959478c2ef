import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Built once per module (per Lambda container), on first use. Endpoints come from
// AWS_ENDPOINT_URL_* when set, which is how the local system points the same code at dynalite.
// DynamoDB is the one client (almost) every function uses, so it is imported statically; the SES,
// SNS and Step Functions clients are loaded by their adapters on first call (ses-mailer.ts,
// sns-alerts.ts, workflow-*.ts), so a function that never sends mail never loads the SES client.
let documentClient: DynamoDBDocumentClient | undefined;

export function getDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  return documentClient;
}
