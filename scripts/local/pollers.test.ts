import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { failedMessageIds } from './sqs-poller.ts';
import { firstFailure, repairImage } from './stream-poller.ts';

const sqs = (id: string) => ({ messageId: id }) as SQSRecord;
const ddb = (seq: string) => ({ dynamodb: { SequenceNumber: seq } }) as DynamoDBRecord;

describe('failedMessageIds (SQS partial batch response)', () => {
  const records = [sqs('a'), sqs('b'), sqs('c')];

  it('keeps only the reported messages', () => {
    expect([...failedMessageIds(records, { batchItemFailures: [{ itemIdentifier: 'b' }] })]).toEqual(['b']);
  });

  it('treats an empty list, or no response, as full success', () => {
    expect(failedMessageIds(records, { batchItemFailures: [] }).size).toBe(0);
    expect(failedMessageIds(records, undefined).size).toBe(0);
  });

  it('fails the whole batch on an unknown or empty identifier, as Lambda does', () => {
    expect(failedMessageIds(records, { batchItemFailures: [{ itemIdentifier: 'zzz' }] }).size).toBe(3);
    expect(failedMessageIds(records, { batchItemFailures: [{ itemIdentifier: '' }] }).size).toBe(3);
  });
});

describe('firstFailure (stream partial batch response)', () => {
  const records = [ddb('100'), ddb('200'), ddb('300')];

  it('returns the earliest reported record', () => {
    expect(
      firstFailure(records, { batchItemFailures: [{ itemIdentifier: '300' }, { itemIdentifier: '200' }] }),
    ).toBe('200');
  });

  it('means success for an empty list', () => {
    expect(firstFailure(records, { batchItemFailures: [] })).toBeUndefined();
  });

  it('fails the whole batch on an unknown identifier', () => {
    expect(firstFailure(records, { batchItemFailures: [{ itemIdentifier: '999' }] })).toBe('all');
  });
});

describe('repairImage (DynamoDB Local stream images)', () => {
  it('gives an empty map back its type, at any depth, and leaves the rest alone', () => {
    expect(
      repairImage({
        customFields: {},
        changes: { L: [{ M: { field: { S: 'customFields' }, to: {} } }] },
        tags: { L: [] },
        name: { S: 'x' },
      }),
    ).toEqual({
      customFields: { M: {} },
      changes: { L: [{ M: { field: { S: 'customFields' }, to: { M: {} } } }] },
      tags: { L: [] },
      name: { S: 'x' },
    });
  });
});
