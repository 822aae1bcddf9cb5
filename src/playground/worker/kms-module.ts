/**
 * The `@aws-sdk/client-kms` the reader's program imports: the real SDK, except that clients get
 * placeholder credentials (and eu-west-1 when no Region is given), so code written for
 * production (`new KMSClient({ region: "eu-west-1" })`) runs unchanged. Credentials a reader
 * passes are replaced and never used: every request is answered inside the worker anyway.
 */
import * as sdk from '@aws-sdk/client-kms';

export const PLACEHOLDER_CREDENTIALS = {
  accessKeyId: 'AKIAPLAYGROUNDEXAMPLE',
  secretAccessKey: 'playground-placeholder-secret-not-a-real-key',
} as const;
export const DEFAULT_REGION = 'eu-west-1';

type ClientConfig = sdk.KMSClientConfig;

function playgroundConfig(config: ClientConfig | undefined): ClientConfig {
  return { ...config, region: config?.region ?? DEFAULT_REGION, credentials: PLACEHOLDER_CREDENTIALS };
}

export class KMSClient extends sdk.KMSClient {
  constructor(...[config]: ConstructorParameters<typeof sdk.KMSClient>) {
    super(playgroundConfig(config));
  }
}

/** The aggregated client (`new KMS({...}).describeCustomKeyStores(...)`). */
export class KMS extends sdk.KMS {
  constructor(...[config]: ConstructorParameters<typeof sdk.KMS>) {
    super(playgroundConfig(config));
  }
}

export const kmsModule: Readonly<Record<string, unknown>> = Object.freeze({ ...sdk, KMSClient, KMS });
