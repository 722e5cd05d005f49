// What to tell the user when a deal write meets a colleague's change (409: a stale version, or a
// deal closed meanwhile): the deal is read again and the message says what it is now.
import { ApiError } from '../../api/api-error.ts';
import type { Deal, Stage } from '../../api/deals.ts';
import type { Translator } from '../../i18n/translate.ts';

/** A write refused because the deal changed since it was read (StaleVersion or Conflict, both 409). */
export const isColleaguesChange = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409;

export const colleagueMessage = (
  { t }: Pick<Translator, 't'>,
  before: Deal,
  fresh: Deal,
  stages: readonly Stage[],
): string => {
  if (fresh.status !== 'open')
    return t('deals.board.closedByColleague', {
      title: fresh.title,
      status: t(`deals.status.${fresh.status}`).toLocaleLowerCase(),
    });
  if (fresh.stageId !== before.stageId || fresh.pipelineId !== before.pipelineId) {
    const stage =
      stages.find((s) => s.id === fresh.stageId)?.name ??
      fresh.stageHistory.at(-1)?.stageName ??
      fresh.stageId;
    return t('deals.board.movedByColleague', { title: fresh.title, stage });
  }
  return t('deals.board.changedByColleague', { title: fresh.title });
};
