// THE reliability test of issue 5, on the emulators: a campaign to 10,000 eligible contacts (and
// contacts of every exclusion reason, which the segment matches too) is sent with SES throttling
// injected on 20 % of SendEmail calls, the sender's execution environment exiting in mid-batch
// after 2,500 sends, and every campaign-sends message enqueued twice. At the end there is exactly
// one send record and one captured SES e-mail per eligible contact, none for the excluded, the
// counters agree, the campaign is completed and nothing is left in the DLQ.
// (The faults come from scripts/local/faults/campaign-faults.ts, switched on through the
// runtime's extra function environment; CRM_CAMPAIGN_RECIPIENTS runs it smaller while debugging.)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../scripts/local/aws-clients.ts';
import { localSesAccount } from '../../scripts/local/emulators/ses.ts';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { eventually, sentEmails, startTestRuntime } from '../../scripts/local/testing.ts';
import {
  campaignTemplate,
  campaignTotalsKey,
  capturedPerAddress,
  type SeededContact,
  seedContacts,
  sendRecords,
  tableClient,
} from '../domain/campaigns/campaign-test-support.ts';
import { type DemoSession, demoSession, runtimeOptions } from '../http/records/record-test-support.ts';

const recipients = Number(process.env.CRM_CAMPAIGN_RECIPIENTS ?? 10_000);
const excludedEach = 50;
const sesRate = 250;
const crashAfterSends = Math.floor(recipients / 4);

let runtime: LocalRuntime;
let s: DemoSession;
let faultsDir: string;
let crashMarker: string;
let faultLog: string;

beforeAll(async () => {
  faultsDir = mkdtempSync(join(tmpdir(), 'crm-faults-'));
  crashMarker = join(faultsDir, 'sender-crashed');
  faultLog = join(faultsDir, 'faults.log');
  // The SES emulator (in this process) reports the account's quota from this variable.
  process.env.AWS_SES_ACCOUNT = JSON.stringify({
    ...localSesAccount,
    SendQuota: { ...localSesAccount.SendQuota, Max24HourSend: 1_000_000, MaxSendRate: sesRate },
  });
  runtime = await startTestRuntime(['demo'], {
    ...runtimeOptions(),
    extraFunctionEnvironment: {
      'send-campaign-emails': {
        CRM_LOCAL_FAULTS: JSON.stringify({ throttleRate: 0.2, crashAfterSends, crashMarker, faultLog }),
      },
      'fan-out-campaign': {
        CRM_LOCAL_FAULTS: JSON.stringify({ duplicateDeliveries: true, faultLog }),
      },
    },
  });
  s = await demoSession(runtime);
}, 180_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(faultsDir, { recursive: true, force: true });
});

describe('a campaign to 10,000 recipients under faults', () => {
  it(
    'sends exactly one e-mail per eligible recipient and none to the excluded',
    async () => {
      const tag = `rel${Date.now().toString(36)}`;
      const seeded = await seedContacts(runtime, {
        tag,
        eligible: recipients,
        excluded: {
          noConsent: excludedEach,
          unsubscribed: excludedEach,
          suppressed: excludedEach,
          noEmail: excludedEach,
        },
        ownerId: s.ids.marketing,
      });
      const segment = await s.as.marketing('POST', '/api/segments', {
        name: `Надёжность ${tag}`,
        filter: { tags: { values: [tag] } },
      });
      expect(segment.status).toBe(201);
      const template = await s.as.marketing('POST', '/api/templates', campaignTemplate(tag));
      expect(template.status).toBe(201);
      const created = await s.as.marketing('POST', '/api/campaigns', {
        name: `Надёжность ${tag}`,
        segmentId: segment.body.segment.id,
        templateId: template.body.template.id,
        fromName: 'ООО «Демо»',
      });
      expect(created.status).toBe(201);
      const campaignId = created.body.campaign.id as string;

      const started = Date.now();
      const launched = await s.as.marketing('POST', `/api/campaigns/${campaignId}/launch`, {
        expectedVersion: created.body.campaign.version,
      });
      expect(launched.status, JSON.stringify(launched.body)).toBe(200);
      expect(launched.body.campaign.state).toBe('sending');

      // The crash leaves the claims of the sends it cut short: they are taken over once their
      // lease (2 min) has passed, which the test lets happen by moving the clock.
      // Only once the environment has exited: a claim it made after the move would be fresh.
      await eventually(async () => existsSync(`${crashMarker}.exited`), 'the sender to crash', 300_000);
      runtime.clock.advance(3 * 60_000);

      const done = await eventually(
        async () => {
          const r = await s.as.marketing('GET', `/api/campaigns/${campaignId}`);
          return r.body.campaign?.state === 'completed' ? r.body.campaign : undefined;
        },
        'the campaign to complete',
        600_000,
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(`campaign of ${recipients} recipients completed in ${seconds.toFixed(0)} s`);

      expect(done.audienceCount).toBe(recipients);
      expect(done.fanOut.excluded).toEqual({
        noConsent: excludedEach,
        unsubscribed: excludedEach,
        suppressed: excludedEach,
        noEmail: excludedEach,
      });

      // One send record per eligible recipient, marked sent; none for the excluded.
      const records = await sendRecords(
        runtime,
        campaignId,
        seeded.eligible.map((c) => c.id),
      );
      expect(records.size).toBe(recipients);
      expect([...records.values()].filter((r) => r.status !== 'sent')).toEqual([]);
      expect(
        (
          await sendRecords(
            runtime,
            campaignId,
            seeded.excluded.map((c) => c.id),
          )
        ).size,
      ).toBe(0);

      // One captured e-mail per eligible address, none for the excluded ones.
      const emails = await sentEmails(runtime);
      const addressOf = (c: SeededContact) => c.email;
      const eligible = new Set(seeded.eligible.map(addressOf));
      const perAddress = capturedPerAddress(emails, eligible);
      expect(perAddress.size).toBe(recipients);
      expect([...perAddress.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(capturedPerAddress(emails, new Set(seeded.excluded.map(addressOf))).size).toBe(0);

      // Every e-mail carries the one-click unsubscribe headers and a visible link.
      const sample = emails.find((e) => e.destination.to.some((to) => eligible.has(to)));
      expect(sample?.headers?.find((h) => h.name.toLowerCase() === 'list-unsubscribe-post')?.value).toBe(
        'List-Unsubscribe=One-Click',
      );
      expect(sample?.headers?.find((h) => h.name.toLowerCase() === 'list-unsubscribe')?.value).toMatch(
        /^<http:\/\/127\.0\.0\.1:\d+\/api\/u\/[\w-]+\.[\w-]+>$/,
      );
      expect(sample?.body.html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/api\/u\/[\w-]+\.[\w-]+"/);

      // The counters were ADDed once per recipient.
      const { db, tableName } = tableClient(runtime);
      const totals = (
        await db.send(new GetCommand({ TableName: tableName, Key: campaignTotalsKey(campaignId) }))
      ).Item;
      expect(totals?.sent).toBe(recipients);
      expect(totals?.skipped ?? 0).toBe(0);

      // Nothing gave up into the DLQ.
      const demo = runtime.tenant('demo');
      const { sqs } = localClients(runtime.endpoints, demo.tenant.region);
      const dlq = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: demo.queueUrls['campaign-sends-dlq'],
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      expect(dlq.Attributes?.ApproximateNumberOfMessages).toBe('0');

      // The faults really happened: about a fifth of the SendEmail calls throttled (at least one
      // per ten e-mails sent), and every message of the fan-out enqueued twice.
      const faults = readFileSync(faultLog, 'utf8').split('\n');
      const count = (fault: string) => faults.filter((line) => line === fault).length;
      console.log(`faults: ${count('throttle')} throttled calls, ${count('duplicate')} duplicated messages`);
      expect(count('throttle')).toBeGreaterThan(recipients / 10);
      expect(count('duplicate')).toBeGreaterThanOrEqual(Math.ceil(recipients / 50));
    },
    15 * 60_000,
  );
});
