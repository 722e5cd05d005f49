// Events about deals: a move between stages, a win, a loss. Published from the table's stream
// (functions/streams/change-events.ts) when a deal's stage or status changes; automations
// (a won deal's onboarding task) and, later, aggregates read them.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

const money = z.object({ amount: z.number().int().min(0), currency: z.string().length(3) });

const deal = z.object({
  dealId: z.string().min(1),
  title: z.string(),
  companyId: z.string().min(1),
  ownerId: z.string().min(1),
  pipelineId: z.string().min(1),
  stageId: z.string().min(1),
  value: money,
  source: z.string().optional(),
  version: z.number().int().positive(),
});

export const dealStageChangedV1 = defineEvent({
  detailType: 'deal.stage-changed.v1',
  source: 'crm.deals',
  description: 'An open deal moved to another stage (or pipeline); says from where and how long it stayed.',
  schema: z.object({
    deal,
    from: z.object({
      pipelineId: z.string().min(1),
      stageId: z.string().min(1),
      enteredAt: z.iso.datetime(),
    }),
    actorId: z.string().min(1),
    at: z.iso.datetime(),
  }),
});

export const dealWonV1 = defineEvent({
  detailType: 'deal.won.v1',
  source: 'crm.deals',
  description: 'A deal was won.',
  schema: z.object({ deal, actorId: z.string().min(1), at: z.iso.datetime() }),
});

export const dealLostV1 = defineEvent({
  detailType: 'deal.lost.v1',
  source: 'crm.deals',
  description: 'A deal was lost, with the reason.',
  schema: z.object({ deal, lostReason: z.string().min(1), actorId: z.string().min(1), at: z.iso.datetime() }),
});
