// `crm dlq redrive <queue>`: moves the messages of a work queue's dead-letter queue
// (`<queue>-dlq`) back to the queue, printing a progress count. Each message is sent to the
// queue before it is deleted from the DLQ, so a crash in between duplicates a message rather
// than losing it — which the consumers are built for (campaign sends are keyed by send records).
// Against the running local runtime by default; `--aws` uses the AWS credentials of the shell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DeleteMessageBatchCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type Command, Option } from 'commander';
import { workQueues } from '../../../events/queues.ts';
import { deadLetterQueueName, queueName } from '../../../functions/lib/resource-names.ts';
import { loadTenant } from '../../../infra/tenants.ts';
import { localCredentials } from '../../local/aws-clients.ts';
import { CliError, usageError } from '../lib/errors.ts';
import { readRuntimeState, resolveDataDir, runtimeStateFile } from '../lib/local-runtime-state.ts';

export type RedriveResult = { readonly moved: number };

/** Moves every message of `from` to `to`, ten at a time; `onProgress` gets the running count. */
export const redriveMessages = async (
  sqs: SQSClient,
  from: string,
  to: string,
  onProgress: (moved: number) => void = () => undefined,
): Promise<RedriveResult> => {
  let moved = 0;
  let emptyReceives = 0;
  while (emptyReceives < 2) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) {
      emptyReceives++;
      continue;
    }
    emptyReceives = 0;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: to,
        Entries: Messages.map((m, i) => ({
          Id: String(i),
          MessageBody: m.Body ?? '',
          ...(m.MessageAttributes && Object.keys(m.MessageAttributes).length > 0
            ? { MessageAttributes: m.MessageAttributes }
            : {}),
        })),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
    const done = Messages.filter((_, i) => ok.has(String(i)));
    if (done.length > 0)
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: from,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    if (done.length < Messages.length)
      throw new CliError(
        `${Messages.length - done.length} messages could not be sent back; they stay in the DLQ`,
      );
    moved += done.length;
    onProgress(moved);
  }
  return { moved };
};

type Options = { tenant: string; dataDir?: string; aws?: boolean };

const redrive = async (queue: string, options: Options): Promise<void> => {
  const names = workQueues.map((q) => q.name) as string[];
  if (!names.includes(queue)) throw usageError(`"${queue}" is not a work queue: ${names.join(', ')}`);
  const tenant = loadTenant(options.tenant);
  let sqs: SQSClient;
  if (options.aws) sqs = new SQSClient({ region: tenant.region });
  else {
    const dataDir = resolveDataDir(options.dataDir);
    readRuntimeState(dataDir);
    const state = JSON.parse(readFileSync(join(dataDir, runtimeStateFile), 'utf8')) as {
      endpoints?: { sqs?: string };
    };
    if (!state.endpoints?.sqs) throw new CliError(`${runtimeStateFile} names no SQS endpoint`);
    sqs = new SQSClient({
      region: tenant.region,
      endpoint: state.endpoints.sqs,
      credentials: localCredentials,
    });
  }
  const url = async (name: string) =>
    (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
  const from = await url(deadLetterQueueName(tenant.id, queue));
  const to = await url(queueName(tenant.id, queue));
  const { moved } = await redriveMessages(sqs, from, to, (n) => process.stderr.write(`moved ${n}\n`));
  console.log(
    `Moved ${moved} messages from ${deadLetterQueueName(tenant.id, queue)} back to ${queueName(tenant.id, queue)}.`,
  );
};

export const registerDlqCommand = (program: Command): void => {
  const dlq = program.command('dlq').description("a work queue's dead-letter queue");
  dlq
    .command('redrive')
    .description("move the messages of a work queue's DLQ back to the queue, with a progress count")
    .argument('<queue>', workQueues.map((q) => q.name).join(' | '))
    .addOption(new Option('--tenant <id>', 'the tenant').default('demo'))
    .option('--data-dir <dir>', "the running runtime's data folder (default: .data in the repository)")
    .option('--aws', "the tenant's deployed queues, with the shell's AWS credentials")
    .action(redrive);
};
