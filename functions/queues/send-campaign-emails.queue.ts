// campaign-sends → SES: each message names up to 50 recipients of a campaign run; they are
// sent once each (functions/domain/campaigns/send-campaign.ts). The messages of a batch are
// handled concurrently; one whose recipients must be retried is reported as a batch item
// failure, and SQS redelivers only that one.
import { sendMessageSchema } from '../domain/campaigns/campaign.entity.ts';
import { sendCampaignMessage } from '../domain/campaigns/send-campaign.ts';
import { campaignSes } from '../domain/campaigns/ses-client.ts';
import { configurationSet, mailFrom } from '../lib/email.ts';
import { concurrentQueueConsumer } from '../lib/triggers.ts';

export const handler = concurrentQueueConsumer(async (record) => {
  const message = sendMessageSchema.parse(JSON.parse(record.body));
  await sendCampaignMessage(await campaignSes(), { mailFrom, configurationSet }, message);
});
