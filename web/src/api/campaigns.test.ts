// The campaign report as functions/domain/campaigns/campaign-report.ts answers it, read into the
// shape the report screen draws (every counter present, attribution per currency).
import { describe, expect, it } from 'vitest';
import { parseReport } from './campaigns.ts';

describe('parseReport', () => {
  it('reads totals, hourly series, links and attribution per currency', () => {
    const report = parseReport({
      campaign: { id: 'C1', name: 'Осень', state: 'completed', version: 4 },
      audienceCount: 3,
      totals: {
        sent: 3,
        skipped: 0,
        delivered: 2,
        bounced: 1,
        complained: 0,
        unsubscribed: 0,
        opened: 1,
        clicked: 1,
      },
      hourly: [{ hour: '2026-11-24T14', sent: 3, delivered: 2 }],
      links: [{ url: 'https://okna.example/expo', clicks: 2, uniqueClicks: 1 }],
      attribution: {
        count: 2,
        byCurrency: [{ currency: 'RUB', amount: 150000, wonAmount: 50000 }],
        sourced: { count: 1, byCurrency: [{ currency: 'RUB', amount: 100000, wonAmount: 50000 }] },
        reached: { count: 1, byCurrency: [{ currency: 'RUB', amount: 50000, wonAmount: 0 }] },
      },
    });
    expect(report.audienceCount).toBe(3);
    expect(report.totals).toMatchObject({ sent: 3, delivered: 2, bounced: 1, clicked: 1, failed: 0 });
    expect(report.series).toEqual([
      {
        hour: '2026-11-24T14',
        sent: 3,
        delivered: 2,
        bounced: 0,
        complained: 0,
        unsubscribed: 0,
        opened: 0,
        clicked: 0,
        skipped: 0,
        failed: 0,
      },
    ]);
    expect(report.links).toEqual([{ url: 'https://okna.example/expo', clicks: 2, uniqueClicks: 1 }]);
    expect(report.attribution).toEqual({
      deals: 2,
      byCurrency: [{ currency: 'RUB', amount: 150000, wonAmount: 50000 }],
      sourced: { deals: 1, byCurrency: [{ currency: 'RUB', amount: 100000, wonAmount: 50000 }] },
      reached: { deals: 1, byCurrency: [{ currency: 'RUB', amount: 50000, wonAmount: 0 }] },
    });
  });

  it('reads an empty answer as zeros', () => {
    expect(parseReport({})).toEqual({
      totals: {
        sent: 0,
        delivered: 0,
        bounced: 0,
        complained: 0,
        unsubscribed: 0,
        opened: 0,
        clicked: 0,
        skipped: 0,
        failed: 0,
      },
      series: [],
      links: [],
      attribution: {
        deals: 0,
        byCurrency: [],
        sourced: { deals: 0, byCurrency: [] },
        reached: { deals: 0, byCurrency: [] },
      },
    });
  });
});
