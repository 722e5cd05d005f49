// `crm ses-event <delivery|bounce|complaint|open|click>`: puts an SES sending event, in the
// exact shape SES publishes to EventBridge (source `aws.ses`, detail-type `Email Bounced`…,
// detail = SES's event record with the message's tags), on the running local tenant's bus.
// The SES emulator publishes no events, so this is how a demo bounces or complains a recipient.
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type Command, Option } from 'commander';
import { sesDetailTypes } from '../../../functions/domain/ses-events/ses-event.ts';
import { busName, sesConfigurationSetName } from '../../../functions/lib/resource-names.ts';
import { loadTenant } from '../../../infra/tenants.ts';
import { localCredentials } from '../../local/aws-clients.ts';
import { CliError, usageError } from '../lib/errors.ts';
import { readRuntimeState, resolveDataDir } from '../lib/local-runtime-state.ts';

export const sesEventKinds = ['delivery', 'bounce', 'complaint', 'open', 'click'] as const;
export type SesEventKind = (typeof sesEventKinds)[number];

const eventTypes = {
  delivery: 'Delivery',
  bounce: 'Bounce',
  complaint: 'Complaint',
  open: 'Open',
  click: 'Click',
} as const satisfies Record<SesEventKind, keyof typeof sesDetailTypes>;

export type SesEventInput = {
  readonly kind: SesEventKind;
  readonly tenantId: string;
  readonly mailFrom: string;
  readonly campaignId?: string;
  readonly contactId?: string;
  readonly runId?: string;
  readonly to: string;
  readonly link?: string;
  readonly messageId: string;
  readonly at: Date;
  readonly accountId: string;
  readonly region: string;
};

/** One PutEvents entry as SES would publish it for this tenant's configuration set. */
export const sesEventEntry = (i: SesEventInput) => {
  const eventType = eventTypes[i.kind];
  const time = i.at.toISOString();
  const sentAt = new Date(i.at.getTime() - 2_000).toISOString();
  const configurationSet = sesConfigurationSetName(i.tenantId);
  const tags: Record<string, string[]> = {
    'ses:configuration-set': [configurationSet],
    'ses:source-ip': ['127.0.0.1'],
    'ses:from-domain': [i.mailFrom.slice(i.mailFrom.indexOf('@') + 1)],
    'ses:caller-identity': ['crm-local'],
    ...(i.campaignId ? { campaign: [i.campaignId] } : {}),
    ...(i.contactId ? { contact: [i.contactId] } : {}),
    ...(i.runId ? { run: [i.runId] } : {}),
  };
  const mail = {
    timestamp: sentAt,
    source: i.mailFrom,
    sourceArn: `arn:aws:ses:${i.region}:${i.accountId}:identity/${i.mailFrom}`,
    sendingAccountId: i.accountId,
    messageId: i.messageId,
    destination: [i.to],
    headersTruncated: false,
    tags,
  };
  const userAgent = 'Mozilla/5.0 (crm ses-event)';
  const detail = {
    eventType,
    mail,
    ...(i.kind === 'delivery'
      ? {
          delivery: {
            timestamp: time,
            processingTimeMillis: 2000,
            recipients: [i.to],
            smtpResponse: '250 2.6.0 Message received',
            reportingMTA: 'a8-70.smtp-out.amazonses.com',
          },
        }
      : {}),
    ...(i.kind === 'bounce'
      ? {
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: i.to,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown',
              },
            ],
            timestamp: time,
            feedbackId: `${i.messageId}-bounce`,
            reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
          },
        }
      : {}),
    ...(i.kind === 'complaint'
      ? {
          complaint: {
            complainedRecipients: [{ emailAddress: i.to }],
            timestamp: time,
            feedbackId: `${i.messageId}-complaint`,
            userAgent: 'Mail.ru Feedback Loop',
            complaintFeedbackType: 'abuse',
            arrivalDate: time,
          },
        }
      : {}),
    ...(i.kind === 'open' ? { open: { ipAddress: '127.0.0.1', timestamp: time, userAgent } } : {}),
    ...(i.kind === 'click'
      ? { click: { ipAddress: '127.0.0.1', timestamp: time, userAgent, link: i.link, linkTags: {} } }
      : {}),
  };
  return {
    Source: 'aws.ses',
    DetailType: sesDetailTypes[eventType],
    Detail: JSON.stringify(detail),
    EventBusName: busName(i.tenantId),
    Resources: [`arn:aws:ses:${i.region}:${i.accountId}:configuration-set/${configurationSet}`],
    Time: i.at,
  };
};

type Options = {
  campaign?: string;
  contact?: string;
  run?: string;
  to?: string;
  link?: string;
  messageId?: string;
  tenant: string;
  dataDir?: string;
};

const sesEvent = async (kind: string, options: Options): Promise<void> => {
  if (!(sesEventKinds as readonly string[]).includes(kind)) {
    throw usageError(`"${kind}" is not an SES event this command sends: ${sesEventKinds.join(', ')}`);
  }
  if (Boolean(options.campaign) !== Boolean(options.contact)) {
    throw usageError('--campaign and --contact go together (the tags of a campaign e-mail)');
  }
  if (!options.campaign && !options.to) throw usageError('give --campaign and --contact, or --to, or both');
  if (kind === 'click' && !options.link) throw usageError('a click needs --link <url>');
  if (kind === 'click' && !options.campaign)
    throw usageError('a click is counted for a campaign: give --campaign and --contact');
  const tenant = loadTenant(options.tenant);
  const state = readRuntimeState(resolveDataDir(options.dataDir));
  const endpoint = `http://127.0.0.1:${state.ports.bus}`;
  const entry = sesEventEntry({
    kind: kind as SesEventKind,
    tenantId: tenant.id,
    mailFrom: tenant.mailFrom,
    ...(options.campaign ? { campaignId: options.campaign } : {}),
    ...(options.contact ? { contactId: options.contact } : {}),
    ...(options.run ? { runId: options.run } : {}),
    to: options.to ?? `${options.contact}@recipient.invalid`,
    ...(options.link ? { link: options.link } : {}),
    // One message per recipient of a campaign unless told: a repeated event is then the same
    // message's, as when SES publishes one twice.
    messageId:
      options.messageId ??
      (options.campaign ? `local-${options.campaign}-${options.contact}` : `local-${randomUUID()}`),
    at: new Date(),
    accountId: '000000000000',
    region: tenant.region,
  });
  const client = new EventBridgeClient({ region: tenant.region, endpoint, credentials: localCredentials });
  const result = await client.send(new PutEventsCommand({ Entries: [entry] }));
  const failed = result.Entries?.[0];
  if (result.FailedEntryCount || !failed?.EventId) {
    throw new CliError(
      `the local bus refused the event: ${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? ''}`,
    );
  }
  console.log(`Put "${entry.DetailType}" on ${entry.EventBusName} (event ${failed.EventId}).`);
};

export const registerSesEventCommand = (program: Command): void => {
  program
    .command('ses-event')
    .description("put an SES event (delivery, bounce, complaint, open, click) on the local tenant's bus")
    .argument('<type>', sesEventKinds.join(' | '))
    .option('--campaign <id>', "the campaign's id (tag `campaign`)")
    .option('--contact <id>', "the recipient contact's id (tag `contact`)")
    .option('--run <id>', "the campaign run's id (tag `run`)")
    .option(
      '--to <email>',
      'the recipient address (without campaign tags: suppresses the contacts that have it)',
    )
    .option('--link <url>', 'the clicked link (click)')
    .option('--message-id <id>', 'the SES message id (default: one per campaign and contact)')
    .addOption(new Option('--tenant <id>', 'the tenant').default('demo'))
    .option('--data-dir <dir>', "the running runtime's data folder (default: .data in the repository)")
    .addHelpText(
      'after',
      `
Needs the local runtime (npm start) running. The event goes through the tenant's rule to
handle-ses-events, as SES's own events do in AWS.

Examples:
  $ npm run crm -- ses-event delivery --campaign 01J… --contact 01J…
  $ npm run crm -- ses-event bounce --campaign 01J… --contact 01J… --to ivan@example.ru
  $ npm run crm -- ses-event complaint --to ivan@example.ru
  $ npm run crm -- ses-event click --campaign 01J… --contact 01J… --link https://example.ru/offer`,
    )
    .action(sesEvent);
};
