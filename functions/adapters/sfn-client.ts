import type { SFNClient } from '@aws-sdk/client-sfn';

let client: Promise<SFNClient> | undefined;

/** The Step Functions client, loaded on first use: only the functions that call it pay for it. */
export function sfnClient(): Promise<SFNClient> {
  client ??= import('@aws-sdk/client-sfn').then(({ SFNClient }) => new SFNClient({}));
  return client;
}
