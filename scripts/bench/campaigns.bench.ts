// `npm run bench -- campaigns`: 10 campaigns of 3,000 recipients each, launched at once on the
// local stack (fan-out → SQS → sender → SES emulator, rate governor on). Prints the total time
// from the launches to the last completion, e-mails per second beside the configured limit
// (SES's MaxSendRate as the emulator reports it, --rate) and beside the raw SES emulator rate
// (SendEmail calls straight to it, measured in the same run), the e-mails the emulator captured
// for the campaigns' recipients (must be campaigns × recipients) and duplicates (must be 0).
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  campaignTemplate,
  capturedPerAddress,
  seedContacts,
} from '../../functions/domain/campaigns/campaign-test-support.ts';
import { localCredentials } from '../local/aws-clients.ts';
import { localSesAccount } from '../local/emulators/ses.ts';
import { api, sentEmails, signIn, startTestRuntime } from '../local/testing.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const runCampaignsBench = async (options: { campaigns: number; recipients: number; rate: number }) => {
  const total = options.campaigns * options.recipients;
  console.log(
    `campaigns: ${options.campaigns} × ${options.recipients} recipients launched at once, SES MaxSendRate ${options.rate}/s`,
  );
  process.env.AWS_SES_ACCOUNT = JSON.stringify({
    ...localSesAccount,
    SendQuota: { ...localSesAccount.SendQuota, Max24HourSend: 10_000_000, MaxSendRate: options.rate },
  });
  const runtime = await startTestRuntime(['demo']);
  try {
    const demo = runtime.tenant('demo');
    const tokens = await signIn(runtime, 'demo', 'maria.volkova@demo.example');
    const call = api(demo.appUrl, tokens.accessToken);
    const me = (await call('GET', '/api/me')).body.user as { id: string };

    // The raw SES emulator: SendEmail straight to it, 8 in flight, as many as the sender has.
    const ses = new SESv2Client({
      region: demo.tenant.region,
      endpoint: runtime.endpoints.ses,
      credentials: localCredentials,
    });
    const rawCount = 2000;
    let next = 0;
    const rawStarted = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next++ < rawCount)
          await ses.send(
            new SendEmailCommand({
              FromEmailAddress: 'crm@demo.example',
              Destination: { ToAddresses: [`raw-${next}@bench.test`] },
              Content: {
                Simple: {
                  Subject: { Data: 'raw' },
                  Body: { Text: { Data: 'raw' }, Html: { Data: '<p>raw</p>' } },
                },
              },
            }),
          );
      }),
    );
    const rawRate = rawCount / ((performance.now() - rawStarted) / 1000);

    console.log(`seeding ${total} contacts…`);
    const runs: { id: string; version: number; addresses: string[] }[] = [];
    for (let i = 0; i < options.campaigns; i++) {
      const tag = `bench${Date.now().toString(36)}${i}`;
      const seeded = await seedContacts(runtime, { tag, eligible: options.recipients, ownerId: me.id });
      const segment = await call('POST', '/api/segments', {
        name: `Bench ${tag}`,
        filter: { tags: { values: [tag] } },
      });
      const template = await call('POST', '/api/templates', campaignTemplate(tag));
      const campaign = await call('POST', '/api/campaigns', {
        name: `Bench ${tag}`,
        segmentId: segment.body.segment.id,
        templateId: template.body.template.id,
        fromName: 'Demo',
      });
      if (campaign.status !== 201)
        throw new Error(`campaign: ${campaign.status} ${JSON.stringify(campaign.body)}`);
      runs.push({ ...campaign.body.campaign, addresses: seeded.eligible.map((c) => c.email) });
    }

    const started = performance.now();
    await Promise.all(
      runs.map(async (r) => {
        const launched = await call('POST', `/api/campaigns/${r.id}/launch`, { expectedVersion: r.version });
        if (launched.status !== 200)
          throw new Error(`launch: ${launched.status} ${JSON.stringify(launched.body)}`);
      }),
    );
    const pending = new Set(runs.map((r) => r.id));
    let lastLog = 0;
    while (pending.size > 0) {
      await sleep(1000);
      for (const id of [...pending]) {
        const c = (await call('GET', `/api/campaigns/${id}`)).body.campaign;
        if (c.state === 'completed') pending.delete(id);
      }
      if (performance.now() - lastLog > 15_000) {
        // Sent so far, from each campaign's report totals (cheap while no deal points at it).
        const sent = (
          await Promise.all(runs.map(async (r) => (await call('GET', `/api/campaigns/${r.id}/report`)).body))
        ).reduce((n, report) => n + Number(report.totals?.sent ?? 0), 0);
        const elapsed = (performance.now() - started) / 1000;
        lastLog = performance.now();
        console.log(
          `  ${elapsed.toFixed(0)} s: ${sent} of ${total} sent (${(sent / elapsed).toFixed(1)}/s), ${runs.length - pending.size} of ${runs.length} campaigns completed`,
        );
      }
      if (performance.now() - started > 60 * 60_000)
        throw new Error('campaigns did not complete within an hour');
    }
    const seconds = (performance.now() - started) / 1000;

    const emails = await sentEmails(runtime);
    const perAddress = capturedPerAddress(emails, new Set(runs.flatMap((r) => r.addresses)));
    const captured = [...perAddress.values()].reduce((a, b) => a + b, 0);
    const duplicates = [...perAddress.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
    console.log('');
    console.log(
      `total time        ${seconds.toFixed(1)} s (launch of ${options.campaigns} campaigns → last completed)`,
    );
    console.log(`e-mails/s         ${(total / seconds).toFixed(1)}`);
    console.log(
      `configured limit  ${options.rate}/s (SES MaxSendRate; no campaign or tenant limit below it)`,
    );
    console.log(
      `raw SES emulator  ${rawRate.toFixed(0)}/s (${rawCount} SendEmail straight to it, 8 in flight)`,
    );
    console.log(`captured          ${captured} (expected ${total})`);
    console.log(`duplicates        ${duplicates} (expected 0)`);
    if (captured !== total || duplicates !== 0) process.exitCode = 1;
  } finally {
    await runtime.stop();
  }
};
