// Event contracts: each has a fixture that parses, a frozen snapshot, and stays backward
// compatible with it; detail-types are unique; rules and schedules only use known events.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventContracts } from './catalog.ts';
import { breakingChanges } from './compatibility.ts';
import { type EventPattern, rules } from './rules.ts';
import { schedules } from './schedules.ts';

const read = (folder: string, detailType: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, folder, `${detailType}.json`), 'utf8'));

describe('event contracts', () => {
  it('have unique detail-types', () => {
    const types = eventContracts.map((c) => c.detailType);
    expect(new Set(types).size).toBe(types.length);
  });

  for (const contract of eventContracts) {
    describe(contract.detailType, () => {
      it('has a fixture that its schema accepts', () => {
        expect(() => contract.schema.parse(read('fixtures', contract.detailType))).not.toThrow();
      });

      it('is backward compatible with its published snapshot', () => {
        const file = join(import.meta.dirname, 'snapshots', `${contract.detailType}.json`);
        expect(existsSync(file), `no snapshot: run node scripts/events-snapshot.ts`).toBe(true);
        expect(
          breakingChanges(read('snapshots', contract.detailType), z.toJSONSchema(contract.schema) as object),
        ).toEqual([]);
      });
    });
  }

  it('are the only events rules and schedules refer to', () => {
    const known = new Set(eventContracts.map((c) => c.detailType));
    for (const rule of rules) {
      const pattern: EventPattern = rule.pattern;
      for (const type of (pattern['detail-type'] as readonly string[] | undefined) ?? [])
        expect(known).toContain(type);
      // Events of AWS services (SES's) have no CRM contract: such a rule names no CRM event.
      const sources = pattern.source as readonly string[];
      if (sources.some((source) => source.startsWith('aws.'))) {
        expect(sources.every((source) => source.startsWith('aws.'))).toBe(true);
        expect(pattern['detail-type']).toBeUndefined();
      }
    }
    for (const schedule of schedules) {
      expect(known).toContain(schedule.event.contract.detailType);
      expect(() => schedule.event.contract.schema.parse(schedule.event.detail)).not.toThrow();
    }
  });
});

describe('breakingChanges', () => {
  const published = z.toJSONSchema(
    z.object({ id: z.string(), amount: z.number(), stage: z.enum(['new', 'won']) }),
  ) as object;

  it('accepts an added optional field', () => {
    const next = z.object({
      id: z.string(),
      amount: z.number(),
      stage: z.enum(['new', 'won', 'lost']),
      note: z.string().optional(),
    });
    expect(breakingChanges(published, z.toJSONSchema(next) as object)).toEqual([]);
  });

  it('reports a removed field', () => {
    const next = z.object({ id: z.string(), stage: z.enum(['new', 'won']) });
    expect(breakingChanges(published, z.toJSONSchema(next) as object)).toEqual(['detail.amount was removed']);
  });

  it('reports a retyped field and a lost enum value', () => {
    const next = z.object({ id: z.string(), amount: z.string(), stage: z.enum(['new']) });
    expect(breakingChanges(published, z.toJSONSchema(next) as object)).toEqual([
      'detail.amount changed type from number to string',
      'detail.stage no longer allows "won"',
    ]);
  });

  it('reports a field that became optional', () => {
    const next = z.object({ id: z.string().optional(), amount: z.number(), stage: z.enum(['new', 'won']) });
    expect(breakingChanges(published, z.toJSONSchema(next) as object)).toEqual([
      'detail.id is no longer required',
    ]);
  });
});
