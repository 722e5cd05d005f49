// Test-only faults for the campaign sending path (functions/domain/campaigns/ses-client.ts
// loads this only in the local runtime, when CRM_LOCAL_FAULTS holds a JSON config):
// - throttleRate: that share of SendEmail calls fails with SES's TooManyRequestsException
//   before reaching the emulator (the emulator cannot throttle);
// - crashAfterSends + crashMarker: after that many sends accepted by SES in one execution
//   environment, the environment exits (once for the whole runtime: the marker file is created
//   exclusively; `<marker>.exited` is written just before the exit). New sends stop first and
//   those in flight are let finish and be recorded, so the crash falls between recipients of a
//   batch, never inside an SES call (docs/campaigns.md);
// - duplicateDeliveries: every campaign-sends message is enqueued twice;
// - faultLog: a file that gets one line per fault injected (`throttle`, `duplicate`), so a test
//   can check that its faults really happened.
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import type { CampaignFaults, SesSend } from '../../../functions/domain/campaigns/ses-client.ts';

type Config = {
  readonly throttleRate?: number;
  readonly crashAfterSends?: number;
  readonly crashMarker?: string;
  readonly duplicateDeliveries?: boolean;
  readonly faultLog?: string;
};

const claimCrash = (marker: string): boolean => {
  try {
    closeSync(openSync(marker, 'wx'));
    return true;
  } catch {
    return false;
  }
};

export const campaignFaults = (json: string): CampaignFaults => {
  const config = JSON.parse(json) as Config;
  const log = (fault: string, n = 1) => {
    if (config.faultLog && n > 0) appendFileSync(config.faultLog, `${fault}\n`.repeat(n));
  };
  let accepted = 0;
  let inFlight = 0;
  let crashing = false;
  const crash = async () => {
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    // Let the sends that just finished write their records.
    await new Promise((r) => setTimeout(r, 500));
    // `<marker>.exited`: from now on this environment claims nothing (a test moves the clock
    // past the claims' lease only then, so none of them is younger than the move).
    if (config.crashMarker) closeSync(openSync(`${config.crashMarker}.exited`, 'w'));
    process.exit(17);
  };
  return {
    wrapSes: (client: SesSend): SesSend => ({
      send: (async (command: Parameters<SesSend['send']>[0]) => {
        if (command.constructor.name !== 'SendEmailCommand') return client.send(command as never);
        if (crashing) return new Promise(() => undefined);
        if (config.throttleRate && Math.random() < config.throttleRate) {
          log('throttle');
          throw new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} });
        }
        inFlight++;
        try {
          const result = await client.send(command as never);
          accepted++;
          return result;
        } finally {
          inFlight--;
          if (
            !crashing &&
            config.crashAfterSends !== undefined &&
            config.crashMarker &&
            accepted >= config.crashAfterSends &&
            claimCrash(config.crashMarker)
          ) {
            crashing = true;
            void crash();
          }
        }
      }) as SesSend['send'],
    }),
    enqueueEntries: (entries: SendMessageBatchRequestEntry[]) => {
      if (!config.duplicateDeliveries) return entries;
      log('duplicate', entries.length);
      return entries.flatMap((e) => [e, { ...e, Id: `${e.Id}d` }]);
    },
  };
};
