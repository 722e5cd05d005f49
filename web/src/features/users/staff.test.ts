// Names on lists and timelines: what the ops CLI wrote is shown as the operator's login.
import { describe, expect, it } from 'vitest';
import { staffName } from './staff.ts';

describe('staffName', () => {
  it('names the CLI operator by login and leaves unknown ids unnamed', () => {
    expect(staffName('cli:olga')).toBe('olga (CLI)');
    expect(staffName('5840a7eb-80a3-458b-9075-8daf96691da9')).toBeUndefined();
    expect(staffName(undefined)).toBeUndefined();
  });
});
