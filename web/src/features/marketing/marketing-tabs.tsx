// The tabs of Маркетинг: Сегменты, Шаблоны писем, Кампании (the section's own pages link each other).
import { A } from '@solidjs/router';
import { useI18n } from '../../i18n/i18n-context.tsx';
import '../records/records.css';

export const MarketingTabs = () => {
  const { t } = useI18n();
  return (
    <nav class="tabs marketing-tabs" aria-label={t('marketing.tabs.label')}>
      <A href="/marketing/segments" class="tabs__tab" activeClass="is-active">
        {t('marketing.tabs.segments')}
      </A>
      <A href="/marketing/templates" class="tabs__tab" activeClass="is-active">
        {t('marketing.tabs.templates')}
      </A>
      <A href="/marketing/campaigns" class="tabs__tab" activeClass="is-active">
        {t('marketing.tabs.campaigns')}
      </A>
    </nav>
  );
};
