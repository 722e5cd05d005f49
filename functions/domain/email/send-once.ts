// Sends an e-mail at most once per key, across retries, redeliveries and crashes.
// A send record is claimed with a conditional write before SES is called and marked sent
// after; a redelivery finds "sent" and does nothing. A claim left by a sender that crashed
// before marking it is taken over once its lease has run out. If SES refuses, the claim is
// released so the retry can send.
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '../../lib/clock.ts';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { configurationSet, mailFrom, ses } from '../../lib/email.ts';

export type OutgoingEmail = {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  /** Files sent with the message (SES v2 simple content attachments): a quote's PDF. */
  readonly attachments?: readonly {
    readonly fileName: string;
    readonly contentType: string;
    readonly content: Uint8Array;
  }[];
};

export type SendOutcome =
  | { readonly status: 'sent'; readonly messageId: string }
  | { readonly status: 'already-sent' };

/** Another sender holds a fresh claim on this key: try again after its lease. */
export class SendInProgress extends Error {}

export const emailSendKey = (key: string) => ({ pk: `EMAIL#${key}`, sk: 'SEND' }) as const;

/** Send records are kept this long, then expire (TTL). */
const retentionSeconds = 400 * 24 * 3600;

export const sendEmailOnce = async (
  key: string,
  email: OutgoingEmail,
  options: { leaseMs?: number } = {},
): Promise<SendOutcome> => {
  const leaseMs = options.leaseMs ?? 5 * 60 * 1000;
  const at = now();
  const claimedAt = at.toISOString();
  const itemKey = emailSendKey(key);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: itemKey,
        UpdateExpression:
          'SET #status = :sending, claimedAt = :claimedAt, recipient = :to, subject = :subject, entity = :entity, expiresAt = :expiresAt ADD attempts :one',
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND claimedAt < :staleBefore)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':claimedAt': claimedAt,
          ':to': email.to,
          ':subject': email.subject,
          ':entity': 'email-send',
          ':expiresAt': Math.floor(at.getTime() / 1000) + retentionSeconds,
          ':one': 1,
          ':staleBefore': new Date(at.getTime() - leaseMs).toISOString(),
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
    );
    if (Item?.status === 'sent') return { status: 'already-sent' };
    throw new SendInProgress(`e-mail ${key} is being sent by another worker since ${Item?.claimedAt}`);
  }

  let messageId: string;
  try {
    const result = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: mailFrom,
        Destination: { ToAddresses: [email.to] },
        ConfigurationSetName: configurationSet,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              Html: { Data: email.html, Charset: 'UTF-8' },
            },
            ...(email.headers?.length
              ? { Headers: email.headers.map((h) => ({ Name: h.name, Value: h.value })) }
              : {}),
            ...(email.attachments?.length
              ? {
                  Attachments: email.attachments.map((a) => ({
                    FileName: a.fileName,
                    ContentType: a.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    RawContent: a.content,
                  })),
                }
              : {}),
          },
        },
      }),
    );
    messageId = result.MessageId ?? '';
  } catch (error) {
    // SES did not take it: release our claim so that the retry sends it.
    await db
      .send(
        new DeleteCommand({
          TableName: tableName,
          Key: itemKey,
          ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':claimedAt': claimedAt },
        }),
      )
      .catch(() => undefined);
    throw error;
  }

  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: itemKey,
      UpdateExpression: 'SET #status = :sent, sentAt = :sentAt, messageId = :messageId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':sentAt': now().toISOString(), ':messageId': messageId },
    }),
  );
  return { status: 'sent', messageId };
};
