import { describe, expect, it } from 'vitest';
import { withStageIds } from '../pipelines/pipeline.entity.ts';
import { createMockDeal, dealIndexKeys, toDealView } from './deal.entity.ts';
import { convert, totalsOf } from './money.ts';

const rates = { base: 'RUB', rates: { USD: 90_500_000, EUR: 99_123_456 }, version: 1 };

describe('convert', () => {
  it('keeps the tenant currency and converts others at the stored rate, in whole minor units', () => {
    expect(convert({ amount: 12_345, currency: 'RUB' }, rates)).toBe(12_345);
    expect(convert({ amount: 10_00, currency: 'USD' }, rates)).toBe(905_00);
    // 1 cent × 99.123456 = 99.123456 kopecks → 99; 3 cents → 297.37 → 297; 5 → 495.6 → 496.
    expect(convert({ amount: 1, currency: 'EUR' }, rates)).toBe(99);
    expect(convert({ amount: 5, currency: 'EUR' }, rates)).toBe(496);
    expect(convert({ amount: 1, currency: 'CNY' }, rates)).toBeUndefined();
  });

  it('does not lose precision on large amounts', () => {
    expect(convert({ amount: 9_007_199_254_740, currency: 'USD' }, rates)).toBe(815_151_532_553_970);
  });
});

describe('board totals', () => {
  it('sums in the tenant currency and weighs by the stage probability', () => {
    const deals = [
      createMockDeal({ value: { amount: 1000_00, currency: 'RUB' } }),
      createMockDeal({ value: { amount: 10_00, currency: 'USD' } }),
    ];
    expect(totalsOf(deals, 25, rates)).toEqual({ count: 2, sum: 1905_00, weighted: 476_25, currency: 'RUB' });
  });
});

describe('stage ids', () => {
  it('gives new stages ids no stage has used, keeping existing ones', () => {
    const stages = withStageIds(
      [
        { id: 'stage-1', name: 'A', probability: 10 },
        { name: 'B', probability: 20 },
        { name: 'C', probability: 30 },
      ],
      ['stage-2'],
    );
    expect(stages.map((s) => s.id)).toEqual(['stage-1', 'stage-3', 'stage-4']);
  });
});

describe('deal keys and view', () => {
  it('puts an open deal in its stage column and a closed one in the won or lost column', () => {
    const open = createMockDeal();
    expect(dealIndexKeys(open)).toMatchObject({
      gsi1pk: 'DEALS#default#meeting',
      gsi1sk: `2026-11-20T08:00:00.000Z#${open.id}`,
      gsi2pk: 'OWNER#user-anna#DEAL',
      gsi2sk: `9999-12-31#${open.id}`,
    });
    const won = createMockDeal({
      status: 'won',
      closedAt: '2026-11-24T10:00:00.000Z',
      expectedCloseDate: '2026-11-30',
    });
    expect(dealIndexKeys(won)).toMatchObject({
      gsi1pk: 'DEALS#default#:won',
      gsi2sk: `2026-11-30#${won.id}`,
    });
  });

  it('flags a deal idle past its stage limit as stalled and counts days in each stage', () => {
    const deal = createMockDeal({
      stageHistory: [
        {
          stageId: 'qualification',
          stageName: 'К',
          enteredAt: '2026-11-10T08:00:00.000Z',
          leftAt: '2026-11-20T08:00:00.000Z',
        },
        { stageId: 'meeting', stageName: 'В', enteredAt: '2026-11-20T08:00:00.000Z' },
      ],
    });
    const at = new Date('2026-11-24T09:00:00.000Z');
    expect(toDealView(deal, at, { probability: 25, maxDaysInStage: 3 })).toMatchObject({
      stalled: true,
      daysInStage: 4,
    });
    expect(toDealView(deal, at, { probability: 25, maxDaysInStage: 4 }).stalled).toBe(false);
    expect(toDealView(deal, at, { probability: 25 }).stageHistory.map((v) => v.days)).toEqual([10, 4]);
    expect(
      toDealView(createMockDeal({ status: 'lost' }), at, { probability: 25, maxDaysInStage: 1 }).stalled,
    ).toBe(false);
  });
});
