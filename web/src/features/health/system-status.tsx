// A compact view of /api/health: the overall state, each backing service with its latency, and the
// scheduler's last heartbeat.
import { For, Show } from 'solid-js';
import type { Health } from '../../api/health.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import './system-status.css';

export const SystemStatus = (props: { health: Health }) => {
  const i18n = useI18n();
  const ok = () =>
    props.health.status === 'ok' && props.health.checks.every((check) => check.status === 'ok');
  const heartbeat = () => props.health.scheduler?.lastHeartbeatAt;

  return (
    <div class="system-status" data-testid="system-status">
      <p class="system-status__summary" classList={{ 'is-ok': ok(), 'is-degraded': !ok() }}>
        <span
          class="status-dot"
          classList={{ 'status-dot--ok': ok(), 'status-dot--error': !ok() }}
          aria-hidden="true"
        />
        {ok() ? i18n.t('health.ok') : i18n.t('health.degraded')}
      </p>
      <ul class="system-status__checks">
        <For each={props.health.checks}>
          {(check) => (
            <li class="system-status__check" title={check.detail}>
              <span
                class="status-dot"
                classList={{
                  'status-dot--ok': check.status === 'ok',
                  'status-dot--error': check.status !== 'ok',
                }}
                aria-hidden="true"
              />
              <span class="system-status__name">
                {i18n.lookup(`health.checks.${check.name}`) ?? check.name}
              </span>
              <Show
                when={check.status !== 'ok'}
                fallback={<span class="sr-only">{i18n.t('health.statusOk')}</span>}
              >
                <span class="system-status__state is-error">
                  {check.detail
                    ? `${i18n.t('health.statusError')}: ${check.detail}`
                    : i18n.t('health.statusError')}
                </span>
              </Show>
              <span class="system-status__latency">
                {i18n.t('health.latency', { ms: i18n.fmt.number(check.latencyMs) })}
              </span>
            </li>
          )}
        </For>
      </ul>
      <p class="system-status__meta">
        <Show when={heartbeat()} fallback={i18n.t('health.noHeartbeat')}>
          {(at) => (
            <span title={i18n.fmt.dateTime(at())}>
              {i18n.t('health.heartbeat', { time: i18n.fmt.eventTime(at()) })}
            </span>
          )}
        </Show>
      </p>
    </div>
  );
};
