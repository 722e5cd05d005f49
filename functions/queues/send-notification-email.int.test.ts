// The platform's first automation, end to end on the emulators: a first sign-in creates a
// profile → stream → user.created.v1 on the bus → rule → welcome-user writes a notification
// → stream → notification.created.v1 → rule → SQS → send-notification-email → SES. The
// e-mail goes out once, even when the queue redelivers the message.
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import {
  api,
  eventually,
  type SentEmail,
  sentEmails,
  signIn,
  startTestRuntime,
} from '../../scripts/local/testing.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
});
afterAll(async () => runtime?.stop());

const to = (email: SentEmail) => email.destination.to.join(',');

describe('welcome notification and e-mail', () => {
  it('arrive once after the first sign-in', async () => {
    const demo = runtime.tenant('demo');
    const tokens = await signIn(runtime, 'demo', 'igor.petrov@demo.example');
    const call = api(demo.appUrl, tokens.accessToken);
    expect((await call('GET', '/api/me')).status).toBe(200);

    const list = await eventually(async () => {
      const r = await call('GET', '/api/notifications');
      return r.body.items?.length ? r.body : undefined;
    }, 'the welcome notification');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      kind: 'welcome',
      params: { name: 'Игорь Петров', tenant: 'ООО «Демо»' },
    });
    expect(list.unread).toBe(1);

    const mail = await eventually(async () => {
      const mine = (await sentEmails(runtime)).filter((e) => to(e).includes('igor.petrov@demo.example'));
      return mine.length ? mine : undefined;
    }, 'the welcome e-mail');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Добро пожаловать в CRM: ООО «Демо»');
    expect(mail[0]?.body.text).toContain(`${demo.appUrl}/settings`);

    // Mark it read: the counter follows, and marking it again changes nothing.
    const id = list.items[0].id;
    const read = await call('POST', `/api/notifications/${id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.notification.readAt).toBeTruthy();
    expect((await call('POST', `/api/notifications/${id}/read`)).body.notification.readAt).toBe(
      read.body.notification.readAt,
    );
    expect((await call('GET', '/api/notifications')).body.unread).toBe(0);
    expect((await call('POST', '/api/notifications/01NOTMINE000000000000000000/read')).status).toBe(404);
  });

  it('is not sent twice when the queue delivers the same event again', async () => {
    const demo = runtime.tenant('demo');
    const tokens = await signIn(runtime, 'demo', 'maria.volkova@demo.example');
    await api(demo.appUrl, tokens.accessToken)('GET', '/api/me');
    const mine = async () =>
      (await sentEmails(runtime)).filter((e) => to(e).includes('maria.volkova@demo.example'));
    await eventually(async () => ((await mine()).length === 1 ? true : undefined), 'the first e-mail');

    // Take the event as the rule delivered it, from the bus, and put it on the queue again.
    const { sqs } = localClients(runtime.endpoints, 'eu-central-1');
    const seen: unknown[] = [];
    const stop = runtime.bus.subscribe(
      demo.busName,
      { 'detail-type': ['notification.created.v1'] },
      (e: unknown) => {
        seen.push(e);
      },
    );
    const other = await signIn(runtime, 'demo', 'dmitry.sokolov@demo.example');
    await api(demo.appUrl, other.accessToken)('GET', '/api/me');
    const event = await eventually(async () => seen[0], 'a notification event');
    stop();
    const queueUrl = demo.queueUrls['notification-emails'] as string;
    for (let i = 0; i < 3; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }));
    const dmitry = async () =>
      (await sentEmails(runtime)).filter((e) => to(e).includes('dmitry.sokolov@demo.example'));
    await eventually(async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0, VisibilityTimeout: 0 }),
      );
      return (Messages ?? []).length === 0 && (await dmitry()).length >= 1 ? true : undefined;
    }, 'the queue to drain');
    await new Promise((r) => setTimeout(r, 500));
    expect(await dmitry()).toHaveLength(1);
    expect(await mine()).toHaveLength(1);
  });
});
