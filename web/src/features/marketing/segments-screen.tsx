// Сегменты (/marketing/segments): the saved segments by name with their number of criteria and when
// they last changed, and «Новый сегмент» for those who write them.
import { A } from '@solidjs/router';
import { createResource } from 'solid-js';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { MarketingList } from './marketing-list.tsx';
import { criteriaCount } from './segment-draft.ts';

export const SegmentsScreen = () => {
  const { t, fmt } = useI18n();
  const [segments, { refetch }] = createResource(() => api().segments.list());
  return (
    <MarketingList
      section="segments"
      createHref="/marketing/segments/new"
      list={segments}
      onRetry={() => void refetch()}
      empty={{
        icon: 'filter',
        title: t('marketing.segments.emptyTitle'),
        text: t('marketing.segments.emptyText'),
      }}
      testId="segment-list"
      head={
        <>
          <th scope="col">{t('marketing.segments.name')}</th>
          <th scope="col">{t('marketing.segments.description')}</th>
          <th scope="col" class="data-table__num-head">
            {t('marketing.segments.criteria')}
          </th>
          <th scope="col">{t('marketing.updated')}</th>
        </>
      }
      row={(segment) => (
        <tr data-testid="segment-row">
          <th scope="row" class="data-table__name">
            <A href={`/marketing/segments/${segment.id}`}>{segment.name}</A>
          </th>
          <td>{segment.description ?? '—'}</td>
          <td class="data-table__num">{fmt.number(criteriaCount(segment.filter))}</td>
          <td>{fmt.dateTime(segment.updatedAt ?? segment.createdAt)}</td>
        </tr>
      )}
    />
  );
};
