// The local bus's pattern matcher against the examples of AWS's EventBridge documentation
// (each group cites its page) and the edge cases the documentation and event-ruler define.
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matches, validatePattern } from './event-pattern.ts';

const envelope = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail,
  ...extra,
});

const check = (pattern: Record<string, unknown>, event: unknown): boolean =>
  matches(validatePattern(pattern), event);

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html
describe('exact values and nesting', () => {
  const event = envelope({ 'instance-id': 'i-1234567890abcdef0', state: 'terminated' });

  it('matches source, detail-type and a nested field, ignoring other fields', () => {
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };
    expect(check(pattern, event)).toBe(true);
    expect(check({ ...pattern, detail: { state: ['running'] } }, event)).toBe(false);
  });

  it('matches any of several values for a field (OR within the array)', () => {
    expect(check({ source: ['aws.ec2', 'aws.fargate'] }, event)).toBe(true);
    expect(check({ source: ['aws.s3', 'aws.fargate'] }, event)).toBe(false);
  });

  it('requires every named field (AND across fields) with the same nesting', () => {
    expect(check({ source: ['aws.ec2'], detail: { missing: ['x'] } }, event)).toBe(false);
    expect(check({ state: ['terminated'] }, event)).toBe(false);
  });

  it('compares strings case-sensitively and by JSON type', () => {
    expect(check({ source: ['AWS.EC2'] }, event)).toBe(false);
    expect(check({ detail: { n: [5] } }, envelope({ n: '5' }))).toBe(false);
    expect(check({ detail: { n: ['5'] } }, envelope({ n: '5' }))).toBe(true);
    expect(check({ detail: { n: [5] } }, envelope({ n: 5 }))).toBe(true);
    expect(check({ detail: { n: [300] } }, envelope({ n: 3.0e2 }))).toBe(true);
    expect(check({ detail: { flag: [true] } }, envelope({ flag: true }))).toBe(true);
    expect(check({ detail: { flag: [true] } }, envelope({ flag: 'true' }))).toBe(false);
  });

  it('the rules of this project: detail.email must be the boolean true', () => {
    const pattern = { source: ['crm.notifications'], detail: { email: [true] } };
    expect(check(pattern, envelope({ email: true }, { source: 'crm.notifications' }))).toBe(true);
    expect(check(pattern, envelope({ email: false }, { source: 'crm.notifications' }))).toBe(false);
    expect(check(pattern, envelope({}, { source: 'crm.notifications' }))).toBe(false);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
describe('arrays in events', () => {
  const event = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };

  it('matches when the pattern array and the event array intersect', () => {
    expect(
      check(
        {
          resources: [
            'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
            'arn:aws:ec2:us-east-1:000000000000:instance/i-b188560f',
          ],
        },
        event,
      ),
    ).toBe(true);
    expect(check({ resources: ['arn:aws:ec2:us-east-1:000000000000:instance/i-b188560f'] }, event)).toBe(
      false,
    );
  });

  it('flattens nested arrays and looks inside arrays of objects', () => {
    const employees = {
      employees: [
        [
          { firstName: 'John', lastName: 'Doe' },
          { firstName: 'Anna', lastName: 'Smith' },
        ],
        [{ firstName: 'Peter', lastName: 'Jones' }],
      ],
    };
    expect(check({ employees: { firstName: ['Anna'] } }, employees)).toBe(true);
    expect(check({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, employees)).toBe(true);
  });

  it('is array-consistent: fields must match within the same array element', () => {
    const employees = {
      employees: [
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };
    expect(check({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, employees)).toBe(false);
  });

  it('an empty array has no value to match, not even null', () => {
    expect(check({ resources: [null] }, { resources: [] })).toBe(false);
    expect(check({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    expect(check({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html
describe('null values and empty strings', () => {
  const event = envelope(
    { eventVersion: '', responseElements: null },
    { 'detail-type': 'EC2 Instance Launch Successful', resources: [] },
  );

  it('matches an empty string with [""] and a null with [null]', () => {
    expect(check({ detail: { eventVersion: [''] } }, event)).toBe(true);
    expect(check({ detail: { responseElements: [null] } }, event)).toBe(true);
  });

  it('does not treat null and the empty string as interchangeable', () => {
    expect(check({ detail: { eventVersion: [null] } }, event)).toBe(false);
    expect(check({ detail: { responseElements: [''] } }, event)).toBe(false);
  });

  it('a missing field is not null', () => {
    expect(check({ detail: { absent: [null] } }, event)).toBe(false);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
// (prefix, suffix, equals-ignore-case and their combinations)
describe('prefix, suffix and equals-ignore-case', () => {
  it('prefix: "time" starting with 2017-10-02', () => {
    expect(check({ time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' })).toBe(true);
    expect(check({ time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-03T18:43:48Z' })).toBe(false);
  });

  it('prefix with equals-ignore-case: service starting with EventB in any case', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    expect(check(pattern, { detail: { service: 'eventbridge' } })).toBe(true);
    expect(check(pattern, { detail: { service: 'EVENTBRIDGE' } })).toBe(true);
    expect(check(pattern, { detail: { service: 'lambda' } })).toBe(false);
  });

  it('suffix: FileName ending in .png', () => {
    expect(check({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' })).toBe(true);
    expect(check({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' })).toBe(false);
    expect(check({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.jpg' })).toBe(false);
  });

  it('suffix with equals-ignore-case: .png and .PNG', () => {
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
    expect(check(pattern, { detail: { FileName: 'image.PNG' } })).toBe(true);
    expect(check(pattern, { detail: { FileName: 'image.gif' } })).toBe(false);
  });

  it('equals-ignore-case: Name is alice in any case', () => {
    expect(check({ Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'Alice' })).toBe(true);
    expect(check({ Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'Alicia' })).toBe(false);
    expect(check({ v: [{ 'equals-ignore-case': '' }] }, { v: '' })).toBe(true);
  });

  it('string operators never match non-string values', () => {
    expect(check({ v: [{ prefix: '1' }] }, { v: 12 })).toBe(false);
    expect(check({ v: [{ suffix: 'e' }] }, { v: true })).toBe(false);
    expect(check({ v: [{ 'equals-ignore-case': 'null' }] }, { v: null })).toBe(false);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-anything-but
describe('anything-but', () => {
  it('a string and a number', () => {
    expect(
      check({ detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: { state: 'running' } }),
    ).toBe(true);
    expect(
      check(
        { detail: { state: [{ 'anything-but': 'initializing' }] } },
        { detail: { state: 'initializing' } },
      ),
    ).toBe(false);
    expect(check({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, { detail: { 'x-limit': 124 } })).toBe(
      true,
    );
    expect(check({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, { detail: { 'x-limit': 123 } })).toBe(
      false,
    );
  });

  it('a list of strings and a list of numbers', () => {
    const strings = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(check(strings, { detail: { state: 'running' } })).toBe(true);
    expect(check(strings, { detail: { state: 'stopped' } })).toBe(false);
    const numbers = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    expect(check(numbers, { detail: { 'x-limit': 301.8 } })).toBe(true);
    expect(check(numbers, { detail: { 'x-limit': 200 } })).toBe(false);
  });

  it('prefix: Region not in the US; suffix: not a .png', () => {
    expect(check({ Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'eu-central-1' })).toBe(true);
    expect(check({ Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'us-east-1' })).toBe(false);
    expect(check({ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.jpg' })).toBe(true);
    expect(check({ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' })).toBe(false);
    expect(check({ s: [{ 'anything-but': { prefix: ['init', 'stop'] } }] }, { s: 'stopping' })).toBe(false);
  });

  it('equals-ignore-case: anything but initializing in any case', () => {
    const pattern = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } };
    expect(check(pattern, { detail: { state: 'INITIALIZING' } })).toBe(false);
    expect(check(pattern, { detail: { state: 'Running' } })).toBe(true);
    const list = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['a', 'B'] } }] } };
    expect(check(list, { detail: { state: 'b' } })).toBe(false);
    expect(check(list, { detail: { state: 'c' } })).toBe(true);
  });

  it('wildcard: FilePath not containing /lib/', () => {
    const pattern = { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] };
    expect(check(pattern, { FilePath: '/usr/lib/x.so' })).toBe(false);
    expect(check(pattern, { FilePath: '/usr/bin/x' })).toBe(true);
  });

  it('matches null and values of another type, but not a missing field', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(check(pattern, { detail: { state: null } })).toBe(true);
    expect(check(pattern, { detail: { state: 12 } })).toBe(true);
    expect(check(pattern, { detail: {} })).toBe(false);
    expect(check({ d: [{ 'anything-but': { prefix: 'init' } }] }, { d: 12 })).toBe(true);
  });

  it('with an array in the event, matches if any element is not excluded', () => {
    const pattern = { tags: [{ 'anything-but': 'a' }] };
    expect(check(pattern, { tags: ['a', 'b'] })).toBe(true);
    expect(check(pattern, { tags: ['a', 'a'] })).toBe(false);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#filtering-numeric-matching
describe('numeric', () => {
  const pattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };

  it('matches only when every range holds', () => {
    expect(check(pattern, { detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 } })).toBe(true);
    expect(check(pattern, { detail: { 'c-count': 0, 'd-count': 3, 'x-limit': 301.8 } })).toBe(false);
    expect(check(pattern, { detail: { 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 } })).toBe(false);
    expect(check(pattern, { detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.7 } })).toBe(false);
  });

  it('covers >=, <= bounds and only JSON numbers', () => {
    expect(check({ n: [{ numeric: ['>=', 1, '<', 2] }] }, { n: 1 })).toBe(true);
    expect(check({ n: [{ numeric: ['>=', 1, '<', 2] }] }, { n: 2 })).toBe(false);
    expect(check({ n: [{ numeric: ['<=', -1] }] }, { n: -1 })).toBe(true);
    expect(check({ n: [{ numeric: ['>', 0] }] }, { n: '5' })).toBe(false);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-ip-matching
describe('cidr', () => {
  it('matches IPv4 addresses in 10.0.0.0/24', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };
    expect(check(pattern, { detail: { sourceIPAddress: '10.0.0.255' } })).toBe(true);
    expect(check(pattern, { detail: { sourceIPAddress: '10.0.1.0' } })).toBe(false);
    expect(check(pattern, { detail: { sourceIPAddress: 'not-an-ip' } })).toBe(false);
  });

  it('matches IPv6 addresses', () => {
    const pattern = { ip: [{ cidr: '2001:db8::/32' }] };
    expect(check(pattern, { ip: '2001:db8:1::1' })).toBe(true);
    expect(check(pattern, { ip: '2001:db9::1' })).toBe(false);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-exists-matching
describe('exists', () => {
  it('exists: true matches a present field, including one that is null', () => {
    expect(check({ detail: { state: [{ exists: true }] } }, { detail: { state: 'pending' } })).toBe(true);
    expect(check({ detail: { state: [{ exists: true }] } }, { detail: { state: null } })).toBe(true);
    expect(check({ detail: { state: [{ exists: true }] } }, { detail: {} })).toBe(false);
  });

  it('exists: false matches an event without detail.c-count', () => {
    const pattern = { detail: { 'c-count': [{ exists: false }] } };
    expect(
      check(pattern, {
        'detail-type': 'EC2 Instance State-change Notification',
        detail: { state: 'running' },
      }),
    ).toBe(true);
    expect(check(pattern, { detail: { 'c-count': 5 } })).toBe(false);
  });

  it('works on leaf nodes only: an object is not a value, so exists: false matches it', () => {
    const event = { detail: { state: 'running', 'c-count': { c1: 100 } } };
    expect(check({ detail: { 'c-count': [{ exists: false }] } }, event)).toBe(true);
    expect(check({ detail: { 'c-count': [{ exists: true }] } }, event)).toBe(false);
  });

  it('a deeply nested leaf that exists fails exists: false', () => {
    const event = { detail: { level1: { level2: { level3: { level4: 'l4 value' } } } } };
    expect(
      check({ detail: { level1: { level2: { level3: { level4: [{ exists: false }] } } } } }, event),
    ).toBe(false);
    expect(check({ detail: { level1: { level2: { level3: { level4: [{ exists: true }] } } } } }, event)).toBe(
      true,
    );
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching
describe('wildcard', () => {
  it('matches * against any run of characters', () => {
    const pattern = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
    expect(check(pattern, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/crm-demo' })).toBe(
      true,
    );
    expect(check(pattern, { EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/crm-demo' })).toBe(
      false,
    );
    expect(check({ f: [{ wildcard: 'dir/*.png' }] }, { f: 'dir/a.png' })).toBe(true);
    expect(check({ f: [{ wildcard: 'dir/*.png' }] }, { f: 'dir/a.jpg' })).toBe(false);
    expect(check({ f: [{ wildcard: 'a*' }] }, { f: 'a' })).toBe(true);
  });

  it('treats regex characters literally and honours \\* and \\\\ escapes', () => {
    expect(check({ f: [{ wildcard: 'a.b*' }] }, { f: 'axb' })).toBe(false);
    expect(check({ f: [{ wildcard: 'a\\*b' }] }, { f: 'a*b' })).toBe(true);
    expect(check({ f: [{ wildcard: 'a\\*b' }] }, { f: 'axb' })).toBe(false);
    expect(check({ f: [{ wildcard: 'a\\\\b' }] }, { f: 'a\\b' })).toBe(true);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-complex-example-or
describe('$or', () => {
  it('source AND (metricName OR namespace)', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(check(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/EC2' })).toBe(true);
    expect(check(pattern, { source: 'aws.cloudwatch', metricName: 'ReadLatency' })).toBe(true);
    expect(check(pattern, { source: 'aws.cloudwatch', metricName: 'Other' })).toBe(false);
    expect(check(pattern, { source: 'aws.ec2', namespace: 'AWS/EC2' })).toBe(false);
  });

  it('nested $or and $or inside a nested object', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        {
          metricType: ['MetricType'],
          namespace: ['AWS/EC2'],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ['Service'] },
      ],
      detail: { $or: [{ a: ['x'] }, { b: ['y'] }] },
    };
    const base = {
      source: 'aws.cloudwatch',
      metricType: 'MetricType',
      namespace: 'AWS/EC2',
      detail: { b: 'y' },
    };
    expect(check(pattern, { ...base, spaceId: 1000 })).toBe(true);
    expect(check(pattern, { ...base, spaceId: 999 })).toBe(false);
    expect(check(pattern, { ...base, spaceId: 1000, detail: { c: 'z' } })).toBe(false);
  });
});

describe('validatePattern', () => {
  const reason = (pattern: unknown): string => {
    try {
      validatePattern(pattern);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventPatternError);
      return (error as Error).message;
    }
    throw new Error('expected the pattern to be rejected');
  };

  it('rejects a leaf that is not an array, naming the field', () => {
    expect(reason({ source: 'aws.ec2' })).toBe(
      'Event pattern is not valid. Reason: "source" must be an object or an array',
    );
    expect(reason({ detail: { n: 5 } })).toContain('"n" must be an object or an array');
  });

  it('rejects non-objects, bad JSON text and empty arrays', () => {
    expect(reason([])).toContain('Filter is not an object');
    expect(reason('{not json')).toContain('Filter is not valid JSON');
    expect(reason({ source: [] })).toContain('Empty arrays are not allowed');
  });

  it('rejects unknown operators and malformed operands', () => {
    expect(reason({ a: [{ contains: 'x' }] })).toContain('Unrecognized match type contains');
    expect(reason({ a: [{ prefix: 'x', suffix: 'y' }] })).toContain('Only one key allowed');
    expect(reason({ a: [{ prefix: 5 }] })).toContain('prefix match pattern must be a string');
    expect(reason({ a: [{ exists: 'yes' }] })).toContain('exists match pattern must be either true or false');
    expect(reason({ a: [{ 'anything-but': null }] })).toContain('anything-but');
    expect(reason({ a: [{ 'anything-but': ['x', 1] }] })).toContain('anything but list');
    expect(reason({ a: [{ 'anything-but': { prefix: '' } }] })).toContain('Null prefix/suffix not allowed');
    expect(reason({ a: [{ 'anything-but': { numeric: ['>', 1] } }] })).toContain(
      'Unsupported anything-but pattern',
    );
    expect(reason({ a: [[1]] })).toContain('Match value must be String, number, true, false, or null');
  });

  it('checks numeric expressions', () => {
    expect(reason({ a: [{ numeric: 5 }] })).toContain('Value of numeric must be an array');
    expect(reason({ a: [{ numeric: ['!', 5] }] })).toContain('Unrecognized numeric range operator: !');
    expect(reason({ a: [{ numeric: ['=', 'x'] }] })).toContain('Value of equals must be numeric');
    expect(reason({ a: [{ numeric: ['<', 1, '>', 0] }] })).toContain('Too many elements');
    expect(reason({ a: [{ numeric: ['>', 5, '<', 1] }] })).toContain('Bottom must be less than top');
  });

  it('checks cidr and wildcard operands', () => {
    expect(reason({ a: [{ cidr: '10.0.0.0' }] })).toContain("Malformed CIDR, one '/' required");
    expect(reason({ a: [{ cidr: '10.0.0.300/24' }] })).toContain('Nonstandard IP address');
    expect(reason({ a: [{ cidr: '10.0.0.0/33' }] })).toContain('mask bits');
    expect(reason({ a: [{ wildcard: 'a**b' }] })).toContain('Consecutive wildcard characters');
    expect(reason({ a: [{ wildcard: 'a\\b' }] })).toContain('Invalid escape character');
  });

  it('accepts every operator form the documentation shows, and returns the parsed pattern', () => {
    const pattern = {
      a: [{ prefix: { 'equals-ignore-case': 'x' } }, { suffix: 'y' }, { wildcard: '*x*' }, null, true, 1, ''],
      b: [
        { 'anything-but': { 'equals-ignore-case': ['x', 'y'] } },
        { numeric: ['>=', 0, '<', 1] },
        { cidr: '::1/128' },
      ],
      $or: [{ c: [{ exists: false }] }, { d: [{ 'anything-but': [1, 2] }] }],
    };
    expect(validatePattern(pattern)).toBe(pattern);
    expect(validatePattern(JSON.stringify(pattern))).toEqual(pattern);
  });
});
