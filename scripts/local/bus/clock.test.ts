// The runtime clock (scripts/local/clock.ts): real time plus an offset that only grows, and
// jump notifications the scheduler relies on.
import { describe, expect, it } from 'vitest';
import { Clock, type ClockJump } from '../clock.ts';

describe('Clock', () => {
  it('follows real time plus its offset', () => {
    let real = Date.parse('2026-01-01T00:00:00Z');
    const clock = new Clock({ realNow: () => real, offsetMs: 1000 });
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.000Z');
    real += 500;
    expect(clock.nowMs()).toBe(Date.parse('2026-01-01T00:00:01.500Z'));
    expect(clock.offsetMs).toBe(1000);
  });

  it('advance() and set() move forward, grow offsetMs and tell listeners synchronously', () => {
    const real = Date.parse('2026-01-01T00:00:00Z');
    const clock = new Clock({ realNow: () => real });
    const jumps: ClockJump[] = [];
    const unsubscribe = clock.onJump((jump) => jumps.push(jump));
    expect(clock.advance(3 * 86_400_000).toISOString()).toBe('2026-01-04T00:00:00.000Z');
    expect(jumps).toHaveLength(1);
    expect(jumps[0]?.from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(jumps[0]?.to.toISOString()).toBe('2026-01-04T00:00:00.000Z');
    clock.set(new Date('2026-02-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(clock.offsetMs).toBe(Date.parse('2026-02-01T00:00:00Z') - real);
    expect(jumps).toHaveLength(2);
    unsubscribe();
    clock.advance(1000);
    expect(jumps).toHaveLength(2);
  });

  it('refuses to move backwards or by a non-number', () => {
    const clock = new Clock({ realNow: () => Date.parse('2026-01-01T00:00:00Z') });
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.set(new Date('2025-12-31T23:59:59Z'))).toThrow('only moves forward');
    expect(() => new Clock({ offsetMs: -5 })).toThrow(RangeError);
    expect(clock.offsetMs).toBe(0);
  });

  it('a zero advance does not notify', () => {
    const clock = new Clock();
    let calls = 0;
    clock.onJump(() => calls++);
    clock.advance(0);
    expect(calls).toBe(0);
  });
});
