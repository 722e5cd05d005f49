// The "log a call / meeting / e-mail" buttons of a timeline's header (a company's, contact's or deal's).
import { For } from 'solid-js';
import type { ActivityKind } from '../../api/activities.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import type { IconName } from '../../ui/icon.tsx';
import { activityKinds } from './activity-model.ts';

const icons: Record<ActivityKind, IconName> = { call: 'phone', meeting: 'users', email: 'mail' };

export const LogActivityButtons = (props: { onChoose: (kind: ActivityKind) => void }) => {
  const { t } = useI18n();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form group
    <div class="log-buttons" role="group" aria-label={t('activities.actions')}>
      <For each={activityKinds}>
        {(kind) => (
          <Button
            size="sm"
            variant="secondary"
            icon={icons[kind]}
            aria-label={t(`activities.dialog.${kind}`)}
            title={t(`activities.dialog.${kind}`)}
            data-testid={`log-${kind}`}
            onClick={() => props.onChoose(kind)}
          >
            {t(`activities.buttons.${kind}`)}
          </Button>
        )}
      </For>
    </div>
  );
};
