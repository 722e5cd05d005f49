// The receivables report's arithmetic: aging buckets by days past due, totals per company and
// manager, conversion of other currencies, and the expected cash per ISO week.
import { describe, expect, it } from 'vitest';
import { bucketOf, buildReceivablesReport, type ReportInstallment, topRows, weekStart } from './aging.ts';

const rates = { base: 'RUB', rates: { USD: 92_500_000 }, version: 1 };
const asOf = '2026-12-16'; // a Wednesday

let seq = 0;
const inst = (over: Partial<ReportInstallment>): ReportInstallment => ({
  invoiceId: `inv${++seq}`,
  n: 1,
  dueDate: asOf,
  amount: 100_00,
  paid: 0,
  companyId: 'c1',
  companyName: 'Альфа',
  ownerId: 'u1',
  currency: 'RUB',
  ...over,
});

describe('bucketOf', () => {
  it('puts not-yet-due and due-today amounts in current, then 30-day buckets, then 90+', () => {
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(bucketOf)).toEqual([
      'current',
      'current',
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
      '90+',
    ]);
  });
});

describe('weekStart', () => {
  it('is the Monday of the ISO week', () => {
    expect(weekStart('2026-12-16')).toBe('2026-12-14');
    expect(weekStart('2026-12-14')).toBe('2026-12-14');
    expect(weekStart('2026-12-20')).toBe('2026-12-14');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });
});

describe('buildReceivablesReport', () => {
  it('ages the outstanding amount (amount − paid) in total, per company and per manager', () => {
    const report = buildReceivablesReport(
      [
        inst({ dueDate: '2026-12-20', amount: 1000_00, paid: 400_00 }), // current 600
        inst({ dueDate: '2026-12-15', amount: 200_00 }), // 1 day: 1-30
        inst({ dueDate: '2026-11-16', amount: 300_00, companyId: 'c2', companyName: 'Бета' }), // 30: 1-30
        inst({ dueDate: '2026-11-15', amount: 50_00, ownerId: 'u2' }), // 31: 31-60
        inst({ dueDate: '2026-09-17', amount: 70_00, companyId: 'c2', companyName: 'Бета', ownerId: 'u2' }), // 90
        inst({ dueDate: '2026-09-16', amount: 10_00, paid: 5_00 }), // 91: 90+ (5)
        inst({ dueDate: '2026-12-01', amount: 100_00, paid: 100_00 }), // paid: nothing
      ],
      asOf,
      rates,
    );
    expect(report.total).toEqual({
      outstanding: 600_00 + 200_00 + 300_00 + 50_00 + 70_00 + 5_00,
      buckets: { current: 600_00, '1-30': 500_00, '31-60': 50_00, '61-90': 70_00, '90+': 5_00 },
      installments: 6,
    });
    expect(report.companies.map((c) => [c.companyId, c.outstanding, c.buckets['1-30']])).toEqual([
      ['c1', 855_00, 200_00],
      ['c2', 370_00, 300_00],
    ]);
    expect(report.managers.map((m) => [m.ownerId, m.outstanding, m.buckets['31-60']])).toEqual([
      ['u1', 1105_00, 0],
      ['u2', 120_00, 50_00],
    ]);
    expect(report.currency).toBe('RUB');
  });

  it('converts other currencies at the stored rate and lists those without one apart', () => {
    const report = buildReceivablesReport(
      [
        inst({ currency: 'USD', amount: 10_00, dueDate: '2026-12-30' }),
        inst({ currency: 'EUR', amount: 7_00, dueDate: '2026-12-30' }),
        inst({ currency: 'EUR', amount: 3_00, dueDate: '2026-10-01' }),
      ],
      asOf,
      rates,
    );
    expect(report.total.outstanding).toBe(925_00);
    expect(report.unconverted).toEqual([{ currency: 'EUR', amount: 10_00 }]);
  });

  it('expects cash per ISO week for 12 weeks; overdue in the first week, later ones apart', () => {
    const report = buildReceivablesReport(
      [
        inst({ dueDate: '2026-12-14', amount: 1_00 }), // Monday of this week, before asOf: overdue
        inst({ dueDate: '2026-10-01', amount: 2_00 }), // long overdue
        inst({ dueDate: '2026-12-16', amount: 4_00 }), // today: week 1
        inst({ dueDate: '2026-12-20', amount: 8_00 }), // Sunday: week 1
        inst({ dueDate: '2026-12-21', amount: 16_00 }), // week 2
        inst({ dueDate: '2027-03-07', amount: 32_00 }), // Sunday of week 12
        inst({ dueDate: '2027-03-08', amount: 64_00 }), // after the 12 weeks
      ],
      asOf,
      rates,
    );
    expect(report.expectedCash).toHaveLength(12);
    expect(report.expectedCash[0]).toEqual({ weekStart: '2026-12-14', expected: 12_00, overdue: 3_00 });
    expect(report.expectedCash[1]).toEqual({ weekStart: '2026-12-21', expected: 16_00, overdue: 0 });
    expect(report.expectedCash[11]).toEqual({ weekStart: '2027-03-01', expected: 32_00, overdue: 0 });
    expect(report.expectedCash.slice(2, 11).every((w) => w.expected === 0 && w.overdue === 0)).toBe(true);
    expect(report.expectedLater).toBe(64_00);
  });

  it('keeps the 50 companies owing most, and counts them all', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      inst({ companyId: `c${i}`, companyName: `C${i}`, amount: (i + 1) * 100 }),
    );
    const report = buildReceivablesReport(many, asOf, rates);
    expect(report.companies).toHaveLength(topRows);
    expect(report.companyCount).toBe(60);
    expect(report.companies[0]?.companyId).toBe('c59');
    expect(report.companies.at(-1)?.companyId).toBe('c10');
  });
});
