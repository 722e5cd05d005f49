// English messages of the pipelines and currency-rates settings, spread into en.ts.
import type { Dictionary } from './dictionary.ts';
import type { ruPipelines } from './ru.pipelines.ts';

export const enPipelines: Pick<Dictionary, keyof typeof ruPipelines> = {
  pipelines: {
    title: 'Pipelines and currencies',
    subtitle:
      'The stages of the sales pipelines, the win probability of each stage, and exchange rates for totals',
    adminOnly: 'Only administrators change pipelines and exchange rates.',
    loading: 'Loading pipelines…',
    newPipeline: 'New pipeline',
    name: 'Pipeline name',
    order: 'Order',
    stages: 'Stages',
    stage: 'Stage',
    probability: 'Probability, %',
    maxDays: 'Days in stage, at most',
    noLimit: 'no limit',
    actions: 'Actions',
    stageName: 'Name of stage {n}',
    stageProbability: 'Probability of stage {n}, %',
    stageMaxDays: 'Days in stage {n}, at most',
    up: 'Move stage {n} up',
    down: 'Move stage {n} down',
    removeStage: 'Remove stage {n}',
    stageError: 'Stage {n}',
    addStage: 'Add stage',
    save: 'Save pipeline',
    cancel: 'Cancel',
    remove: 'Delete pipeline',
    removeTitle: 'Delete pipeline “{name}”?',
    removeMessage: 'Only a pipeline without deals can be deleted. This cannot be undone.',
    saved: 'Pipeline “{name}” saved',
    removed: 'Pipeline “{name}” deleted',
    stageInUse: 'A stage cannot be removed while it holds open deals: {stages}. Move or close them first.',
    ratesTitle: 'Exchange rates',
    ratesHint:
      'How many {base} one unit of each currency is worth. Totals, the forecast and analytics are in {base} at these rates.',
    rateLabel: '1 {currency} = … {base}',
    saveRates: 'Save rates',
    ratesSaved: 'Exchange rates saved',
  },
};
