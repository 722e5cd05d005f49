// Campaign states, progress and report series as the screens show them.
import { describe, expect, it } from 'vitest';
import { actionsFor, hourInstant, isLive, progressOf, seriesOf } from './campaign-format.ts';

describe('campaign format', () => {
  it('offers the actions each state allows', () => {
    expect(actionsFor('draft')).toEqual(['launch', 'cancel']);
    expect(actionsFor('sending')).toEqual(['pause', 'cancel']);
    expect(actionsFor('paused')).toEqual(['resume', 'cancel']);
    expect(actionsFor('completed')).toEqual([]);
    expect(isLive('sending')).toBe(true);
    expect(isLive('paused')).toBe(false);
  });

  it('counts sent and skipped against the audience once it is known', () => {
    expect(progressOf({ state: 'sending', audienceCount: 8, totals: { sent: 3, skipped: 1 } })).toEqual({
      done: 4,
      sent: 3,
      skipped: 1,
      total: 8,
      percent: 50,
    });
    expect(progressOf({ state: 'sending', totals: { sent: 2 } }).percent).toBeUndefined();
    // Without counters on the campaign, the report's totals stand in.
    expect(progressOf({ state: 'sending', audienceCount: 4 }, { sent: 1, skipped: 1 }).percent).toBe(50);
    expect(progressOf({ state: 'completed', audienceCount: 0 }).percent).toBe(100);
  });

  it('orders the hourly series and reads one metric', () => {
    const report = {
      totals: {},
      series: [
        { hour: '2026-11-24T15', sent: 2 },
        { hour: '2026-11-24T14', sent: 5, opened: 1 },
      ],
      links: [],
      attribution: {
        deals: 0,
        byCurrency: [],
        sourced: { deals: 0, byCurrency: [] },
        reached: { deals: 0, byCurrency: [] },
      },
    };
    expect(seriesOf(report, 'sent')).toEqual([
      { hour: '2026-11-24T14', value: 5 },
      { hour: '2026-11-24T15', value: 2 },
    ]);
    expect(seriesOf(report, 'opened').map((p) => p.value)).toEqual([1, 0]);
    expect(hourInstant('2026-11-24T14').toISOString()).toBe('2026-11-24T14:00:00.000Z');
  });
});
