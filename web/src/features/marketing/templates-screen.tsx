// Шаблоны писем (/marketing/templates): templates in use or archived, by name, with their subject.
import { A, useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { SegmentedControl } from '../../ui/field.tsx';
import { MarketingList } from './marketing-list.tsx';

export const TemplatesScreen = () => {
  const { t, fmt } = useI18n();
  const [search, setSearch] = useSearchParams();
  const archived = () => search.archived === 'true';
  const [templates, { refetch }] = createResource(
    () => (archived() ? 'archived' : 'active'),
    (which) => api().templates.list(which === 'archived'),
  );
  return (
    <MarketingList
      section="templates"
      createHref="/marketing/templates/new"
      filters={() => (
        <SegmentedControl
          legend={t('marketing.templates.show')}
          hideLegend
          name="template-archive"
          size="sm"
          value={archived() ? 'archived' : 'active'}
          choices={[
            { value: 'active', label: t('marketing.templates.active') },
            { value: 'archived', label: t('marketing.templates.archived') },
          ]}
          onChange={(value) => setSearch({ archived: value === 'archived' ? 'true' : undefined })}
        />
      )}
      list={templates}
      onRetry={() => void refetch()}
      empty={{
        icon: 'mail',
        title: archived() ? t('marketing.templates.emptyArchived') : t('marketing.templates.emptyTitle'),
        text: t('marketing.templates.emptyText'),
      }}
      testId="template-list"
      head={
        <>
          <th scope="col">{t('marketing.templates.name')}</th>
          <th scope="col">{t('marketing.templates.subject')}</th>
          <th scope="col">{t('marketing.updated')}</th>
        </>
      }
      row={(template) => (
        <tr data-testid="template-row">
          <th scope="row" class="data-table__name">
            <A href={`/marketing/templates/${template.id}`}>{template.name}</A>
          </th>
          <td>{template.subject}</td>
          <td>{template.updatedAt ? fmt.dateTime(template.updatedAt) : '—'}</td>
        </tr>
      )}
    />
  );
};
