import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';

// Built once per module (per Lambda container). Endpoints come from AWS_ENDPOINT_URL_* when set,
// which is how the local system points the same code at dynalite, local SES and local Step Functions.
let documentClient: DynamoDBDocumentClient | undefined;
let sesClient: SESv2Client | undefined;
let sfnClient: SFNClient | undefined;

export function getDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  return documentClient;
}

export function getSesClient(): SESv2Client {
  sesClient ??= new SESv2Client({});
  return sesClient;
}

export function getSfnClient(): SFNClient {
  sfnClient ??= new SFNClient({});
  return sfnClient;
}
