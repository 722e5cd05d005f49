// RU / EN switch. Each option's accessible name is the language's own name (Русский, English).

import { useI18n } from '../i18n/i18n-context.tsx';
import type { Locale } from '../i18n/locales.ts';
import { type Choice, SegmentedControl } from '../ui/field.tsx';

export const LanguageSwitch = (props: {
  value: Locale;
  onChange: (locale: Locale) => void;
  name?: string;
}) => {
  const { t } = useI18n();
  const choices = (): Choice<Locale>[] => [
    { value: 'ru', label: t('language.ru'), short: 'RU', lang: 'ru' },
    { value: 'en', label: t('language.en'), short: 'EN', lang: 'en' },
  ];
  return (
    <SegmentedControl
      legend={t('language.label')}
      hideLegend
      name={props.name ?? 'language'}
      size="sm"
      value={props.value}
      choices={choices()}
      onChange={props.onChange}
    />
  );
};
