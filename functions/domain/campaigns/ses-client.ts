// The SES client of the campaign sender and the SQS sending of the fan-out, made in one place
// so that the local reliability tests can wrap them to inject what the emulators cannot
// produce: SES throttling, a sender that dies mid-batch, duplicated SQS deliveries.
// The wrapper is test code (scripts/local/faults/campaign-faults.ts), loaded only when
// CRM_LOCAL_FAULTS is set AND the SDK talks to an emulator on the loopback AND the function does
// not run on Lambda (AWS_EXECUTION_ENV is set by every Lambda runtime): a deployed function can
// never load it, and its bundle does not contain it.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';

/** What the sender needs of an SES client. */
export type SesSend = Pick<SESv2Client, 'send'>;

export type CampaignFaults = {
  readonly wrapSes: (client: SesSend) => SesSend;
  readonly enqueueEntries: (entries: SendMessageBatchRequestEntry[]) => SendMessageBatchRequestEntry[];
};

const faultsEnabled = (): boolean =>
  Boolean(process.env.CRM_LOCAL_FAULTS) &&
  !process.env.AWS_EXECUTION_ENV &&
  (process.env.AWS_ENDPOINT_URL_SESV2 ?? '').startsWith('http://127.0.0.1:');

let faults: Promise<CampaignFaults | undefined> | undefined;

/** The test-only fault injector, or undefined (always, outside the local runtime). */
export const localFaults = (): Promise<CampaignFaults | undefined> => {
  faults ??= faultsEnabled()
    ? (async () => {
        // A computed specifier: bundlers leave it alone, and on Lambda the file does not exist.
        const specifier = new URL('../../../scripts/local/faults/campaign-faults.ts', import.meta.url).href;
        const module = (await import(specifier)) as { campaignFaults: (config: string) => CampaignFaults };
        return module.campaignFaults(process.env.CRM_LOCAL_FAULTS as string);
      })()
    : Promise.resolve(undefined);
  return faults;
};

let client: Promise<SesSend> | undefined;

/** The sender's SES client, once per execution environment. */
export const campaignSes = (): Promise<SesSend> => {
  client ??= (async () => {
    const real = new SESv2Client({});
    const injected = await localFaults();
    return injected ? injected.wrapSes(real) : real;
  })();
  return client;
};
