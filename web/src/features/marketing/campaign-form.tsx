// The form of a campaign, new or a draft/scheduled one being changed: name, segment, template (in use
// only), sender name, schedule — on launch, at a date and time on the organisation's clock, or
// recurring by a cron expression in its time zone — and an optional send-rate limit.
import { createResource, createSignal, Show } from 'solid-js';
import { isApiError } from '../../api/api-error.ts';
import type { Campaign, CampaignInput, CampaignSchedule } from '../../api/campaigns.ts';
import { api } from '../../api/client.ts';
import { isoToZonedLocal, zonedLocalToIso } from '../../format/zoned.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { SegmentedControl, TextField } from '../../ui/field.tsx';

type Kind = CampaignSchedule['kind'];

export const CampaignForm = (props: {
  campaign?: Campaign;
  onSaved: (campaign: Campaign) => void;
  onCancel?: () => void;
  onConflict?: () => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const zone = () => i18n.timeZone();
  const c = props.campaign;
  const [segments] = createResource(() =>
    api()
      .segments.list()
      .then((p) => p.items),
  );
  const [templates] = createResource(() =>
    api()
      .templates.list(false)
      .then((p) => p.items),
  );
  const [name, setName] = createSignal(c?.name ?? '');
  const [segmentId, setSegmentId] = createSignal(c?.segmentId ?? '');
  const [templateId, setTemplateId] = createSignal(c?.templateId ?? '');
  const [fromName, setFromName] = createSignal(c?.fromName ?? '');
  const [kind, setKind] = createSignal<Kind>(c?.schedule?.kind ?? 'now');
  const [at, setAt] = createSignal(c?.schedule?.kind === 'at' ? isoToZonedLocal(c.schedule.at, zone()) : '');
  const [cron, setCron] = createSignal(
    c?.schedule?.kind === 'recurring' ? c.schedule.cron : '0 10 ? * MON *',
  );
  const [rate, setRate] = createSignal(c?.rateLimitPerSecond ? String(c.rateLimitPerSecond) : '');
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, string>>({});

  const schedule = (): CampaignSchedule | undefined => {
    if (kind() === 'at') {
      const iso = zonedLocalToIso(at(), zone());
      return iso ? { kind: 'at', at: iso } : undefined;
    }
    if (kind() === 'recurring') return { kind: 'recurring', cron: cron().trim() };
    return { kind: 'now' };
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const s = schedule();
    if (!s) {
      setFieldErrors({ 'schedule.at': t('common.required') });
      return;
    }
    const rateValue = rate().trim() === '' ? undefined : Number(rate());
    const input: CampaignInput = {
      name: name().trim(),
      segmentId: segmentId(),
      templateId: templateId(),
      fromName: fromName().trim(),
      schedule: s,
      ...(rateValue !== undefined
        ? { rateLimitPerSecond: rateValue }
        : c?.rateLimitPerSecond
          ? { rateLimitPerSecond: null }
          : {}),
    };
    setSaving(true);
    setError(undefined);
    setFieldErrors({});
    try {
      const saved = c
        ? await api().campaigns.update(c.id, c.version, input)
        : await api().campaigns.create(input);
      props.onSaved(saved);
    } catch (caught) {
      if (isApiError(caught) && caught.status === 409 && props.onConflict) props.onConflict();
      else {
        if (isApiError(caught))
          setFieldErrors(Object.fromEntries(caught.fields.map((f) => [f.field, f.message])));
        setError(describeError(caught, i18n).message);
      }
    } finally {
      setSaving(false);
    }
  };

  const err = (...fields: string[]) => fields.map((f) => fieldErrors()[f]).find(Boolean);

  return (
    <form
      class="form-stack campaign-form"
      onSubmit={(event) => void submit(event)}
      data-testid="campaign-form"
    >
      <Show when={error()}>
        <Alert tone="danger" role="alert">
          {error()}
        </Alert>
      </Show>
      <TextField
        label={t('marketing.campaign.name')}
        value={name()}
        required
        maxLength={120}
        error={err('name')}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <div class="segment-row">
        <SelectField
          label={t('marketing.campaign.segment')}
          placeholder={t('marketing.campaign.pick')}
          options={(segments() ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={segmentId()}
          required
          error={err('segmentId')}
          onChange={(event) => setSegmentId(event.currentTarget.value)}
        />
        <SelectField
          label={t('marketing.campaign.template')}
          placeholder={t('marketing.campaign.pick')}
          options={(templates() ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          value={templateId()}
          required
          error={err('templateId')}
          onChange={(event) => setTemplateId(event.currentTarget.value)}
        />
      </div>
      <TextField
        label={t('marketing.campaign.fromName')}
        hint={t('marketing.campaign.fromNameHint')}
        value={fromName()}
        required
        maxLength={100}
        error={err('fromName')}
        onInput={(event) => setFromName(event.currentTarget.value)}
      />
      <SegmentedControl
        legend={t('marketing.campaign.schedule')}
        name="campaign-schedule"
        value={kind()}
        choices={(['now', 'at', 'recurring'] as const).map((k) => ({
          value: k,
          label: t(`marketing.campaign.scheduleKinds.${k}`),
        }))}
        onChange={setKind}
      />
      <Show when={kind() === 'at'}>
        <TextField
          label={t('marketing.campaign.at', { zone: zone() })}
          type="datetime-local"
          value={at()}
          required
          error={err('schedule.at', 'schedule')}
          onInput={(event) => setAt(event.currentTarget.value)}
        />
      </Show>
      <Show when={kind() === 'recurring'}>
        <TextField
          label={t('marketing.campaign.cron')}
          hint={t('marketing.campaign.cronHint', { zone: zone() })}
          value={cron()}
          required
          class="template-code"
          error={err('schedule.cron', 'schedule')}
          onInput={(event) => setCron(event.currentTarget.value)}
        />
      </Show>
      <TextField
        label={t('marketing.campaign.rateLimit')}
        hint={t('marketing.campaign.rateLimitHint')}
        type="number"
        min="1"
        inputMode="numeric"
        value={rate()}
        error={err('rateLimitPerSecond')}
        onInput={(event) => setRate(event.currentTarget.value)}
      />
      <div class="form-actions">
        <Show when={props.onCancel}>
          <Button variant="secondary" onClick={() => props.onCancel?.()}>
            {t('common.cancel')}
          </Button>
        </Show>
        <Button variant="primary" type="submit" icon="check" busy={saving()}>
          {t('marketing.campaign.save')}
        </Button>
      </div>
    </form>
  );
};
