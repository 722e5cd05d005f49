// An e-mail template's page (/marketing/templates/new and /marketing/templates/:id): name, subject,
// HTML and text bodies, a merge-field picker that inserts `{{ field | default: "…" }}` at the cursor of
// the part last edited, the API's 400s shown under each part with their line, what the sanitizer
// removed shown as a notice, a preview against a chosen contact (rendered in a sandboxed iframe that
// runs nothing), a test send to oneself, and archive/restore.
import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { type FieldError, isApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { SearchHit } from '../../api/search.ts';
import type { EmailTemplate, TemplatePreview } from '../../api/templates.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useActor } from '../users/actor.ts';
import { canEditMarketing } from './marketing-permissions.ts';
import { MarketingTabs } from './marketing-tabs.tsx';
import {
  insertAt,
  knownProblem,
  mergeFieldNames,
  mergeTag,
  problemsOf,
  type TemplatePart,
} from './merge-field-insert.ts';
import './marketing.css';
import { ConflictAlert } from './conflict-alert.tsx';

type MergeFieldName = (typeof mergeFieldNames)[number];

export const TemplateEditor = (props: { id?: string }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const actor = useActor();
  const navigate = useNavigate();
  const location = useLocation<{ removed?: string[] }>();
  const editable = () => canEditMarketing(actor());

  const [template, { refetch, mutate }] = createResource(
    () => props.id,
    (id) => api().templates.get(id),
  );
  const [name, setName] = createSignal('');
  const [values, setValues] = createSignal<Record<TemplatePart, string>>({ subject: '', html: '', text: '' });
  const [fieldErrors, setFieldErrors] = createSignal<readonly FieldError[]>([]);
  const [error, setError] = createSignal<string>();
  const [conflict, setConflict] = createSignal(false);
  const [removed, setRemoved] = createSignal<readonly string[]>(location.state?.removed ?? []);
  const [saving, setSaving] = createSignal(false);
  const [archiving, setArchiving] = createSignal(false);
  const [target, setTarget] = createSignal<TemplatePart>('html');
  const [pickField, setPickField] = createSignal<MergeFieldName>('contact.firstName');
  const [fallback, setFallback] = createSignal('');
  const elements: Partial<Record<TemplatePart, HTMLInputElement | HTMLTextAreaElement>> = {};

  usePageTitle(() =>
    props.id ? (template()?.name ?? t('marketing.templates.title')) : t('marketing.template.newTitle'),
  );

  const load = (tpl: EmailTemplate) => {
    setName(tpl.name);
    setValues({ subject: tpl.subject, html: tpl.html, text: tpl.text });
  };
  createEffect(on(template, (tpl) => tpl && load(tpl)));

  const dirty = () => {
    const tpl = template();
    if (!tpl) return true;
    const v = values();
    return tpl.name !== name() || tpl.subject !== v.subject || tpl.html !== v.html || tpl.text !== v.text;
  };

  const setPart = (part: TemplatePart, value: string) => setValues((v) => ({ ...v, [part]: value }));

  const insert = () => {
    const part = target();
    const element = elements[part];
    const current = values()[part];
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? start;
    const next = insertAt(current, mergeTag(pickField(), fallback()), start, end);
    setPart(part, next.value);
    queueMicrotask(() => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(next.caret, next.caret);
    });
  };

  const save = async () => {
    setSaving(true);
    setError(undefined);
    setFieldErrors([]);
    setConflict(false);
    const input = { name: name().trim(), ...values() };
    try {
      const tpl = template();
      if (props.id && tpl) {
        const saved = await api().templates.update(props.id, tpl.version, input);
        mutate(saved.template);
        setRemoved(saved.removed);
        toast.show(t('marketing.template.saved'));
      } else {
        const saved = await api().templates.create(input);
        toast.show(t('marketing.template.created'));
        navigate(`/marketing/templates/${saved.template.id}`, {
          replace: true,
          state: { removed: saved.removed },
        });
      }
    } catch (caught) {
      if (isApiError(caught) && caught.status === 409) setConflict(true);
      else {
        if (isApiError(caught)) setFieldErrors(caught.fields);
        const own = isApiError(caught)
          ? caught.fields.filter((f) => !['subject', 'html', 'text', 'name'].includes(f.field))
          : [];
        setError(
          isApiError(caught) && caught.status === 400 && own.length === 0
            ? t('marketing.template.invalid')
            : [describeError(caught, i18n).message, ...own.map((f) => `${f.field}: ${f.message}`)].join('\n'),
        );
      }
    } finally {
      setSaving(false);
    }
  };

  const toggleArchived = async () => {
    const tpl = template();
    if (!tpl) return;
    setArchiving(true);
    try {
      const next = tpl.archived
        ? await api().templates.restore(tpl.id, tpl.version)
        : await api().templates.archive(tpl.id, tpl.version);
      mutate(next);
      toast.show(t(next.archived ? 'marketing.template.archivedDone' : 'marketing.template.restored'));
    } catch (caught) {
      if (isApiError(caught) && caught.status === 409) setConflict(true);
      else toast.show(describeError(caught, i18n).message, 'danger');
    } finally {
      setArchiving(false);
    }
  };

  const say = (message: string) => {
    const known = knownProblem(message);
    if (known?.kind === 'unknownField') return t('marketing.template.unknownField', { field: known.field });
    if (known?.kind === 'badFilter') return t('marketing.template.badFilter', { filter: known.filter });
    return message;
  };
  const partError = (part: TemplatePart) => {
    const problems = problemsOf(fieldErrors(), part);
    if (problems.length === 0) return undefined;
    return problems
      .map((p) =>
        p.line !== undefined
          ? t('marketing.template.problemAt', {
              line: p.line,
              column: p.column ?? 1,
              message: say(p.message),
            })
          : say(p.message),
      )
      .join('\n');
  };
  const partLabel = (part: TemplatePart) => t(`marketing.template.${part}`);
  const fieldLabel = (field: MergeFieldName) =>
    t(`marketing.template.fields.${field.replace('.', '_') as 'company_name'}`);

  const focusHandlers = (part: TemplatePart) => ({
    ref: (element: HTMLInputElement | HTMLTextAreaElement) => {
      elements[part] = element;
    },
    onFocus: () => setTarget(part),
  });

  // Preview: pick a contact by search, then render the saved template for them.
  const [query, setQuery] = createSignal('');
  const [hits, setHits] = createSignal<SearchHit[]>([]);
  const [contactId, setContactId] = createSignal('');
  const [preview, setPreview] = createSignal<TemplatePreview>();
  const [previewing, setPreviewing] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(query, (q) => {
      clearTimeout(searchTimer);
      if (q.trim().length < 2) return;
      searchTimer = setTimeout(() => {
        api()
          .search.search(q.trim(), { types: ['contact'], limit: 10 })
          .then((found) => {
            setHits(found);
            if (found[0] && !found.some((h) => h.id === contactId())) setContactId(found[0].id);
          })
          .catch(() => setHits([]));
      }, 300);
    }),
  );
  onCleanup(() => clearTimeout(searchTimer));

  const showPreview = async () => {
    if (!props.id || !contactId()) return;
    setPreviewing(true);
    try {
      setPreview(await api().templates.preview(props.id, contactId()));
    } catch (caught) {
      toast.show(describeError(caught, i18n).message, 'danger');
    } finally {
      setPreviewing(false);
    }
  };

  const testSend = async () => {
    if (!props.id) return;
    setSending(true);
    try {
      const sent = await api().templates.testSend(props.id, contactId() || undefined);
      toast.show(t('marketing.template.preview.testSent', { email: sent.to }));
    } catch (caught) {
      toast.show(describeError(caught, i18n).message, 'danger');
    } finally {
      setSending(false);
    }
  };

  return (
    <div class="page page--wide marketing-page template-editor">
      <MarketingTabs />
      <Show
        when={!template.error}
        fallback={<ApiErrorState error={template.error} onRetry={() => void refetch()} />}
      >
        <Show when={!props.id || template()} fallback={<Skeleton lines={8} label={t('common.loading')} />}>
          <header class="list-header">
            <div class="list-header__title">
              <A href="/marketing/templates" class="marketing-back">
                <Icon name="chevronLeft" size={16} />
                {t('marketing.back')}
              </A>
              <h1 class="page-header__title">
                {props.id ? template()?.name : t('marketing.template.newTitle')}
                <Show when={template()?.archived}>
                  {' '}
                  <Badge tone="neutral">{t('marketing.template.archivedBadge')}</Badge>
                </Show>
              </h1>
            </div>
            <Show when={editable()}>
              <div class="list-header__actions">
                <Show when={template()}>
                  {(tpl) => (
                    <Button
                      variant="secondary"
                      icon={tpl().archived ? 'refresh' : 'trash'}
                      busy={archiving()}
                      onClick={() => void toggleArchived()}
                    >
                      {tpl().archived ? t('marketing.template.restore') : t('marketing.template.archive')}
                    </Button>
                  )}
                </Show>
                <Button
                  variant="primary"
                  icon="check"
                  busy={saving()}
                  disabled={!name().trim() || !dirty()}
                  onClick={() => void save()}
                >
                  {t('marketing.template.save')}
                </Button>
              </div>
            </Show>
          </header>
          <Show when={!editable()}>
            <Alert tone="info">{t('marketing.readOnly')}</Alert>
          </Show>
          <Show when={template()?.archived}>
            <Alert tone="info">{t('marketing.template.archivedNote')}</Alert>
          </Show>
          <Show when={conflict()}>
            <ConflictAlert
              onReload={() => {
                setConflict(false);
                void refetch();
              }}
            />
          </Show>
          <Show when={error()}>
            <Alert
              tone="danger"
              role="alert"
              onDismiss={() => setError(undefined)}
              dismissLabel={t('common.dismiss')}
            >
              <span class="pre-line">{error()}</span>
            </Alert>
          </Show>
          <Show when={removed().length > 0}>
            <div data-testid="template-removed">
              <Alert
                tone="warning"
                role="status"
                title={t('marketing.template.removedTitle')}
                onDismiss={() => setRemoved([])}
                dismissLabel={t('common.dismiss')}
              >
                {t('marketing.template.removedText')}{' '}
                <For each={removed()}>
                  {(item, index) => (
                    <>
                      <code>{item}</code>
                      {index() < removed().length - 1 ? ', ' : ''}
                    </>
                  )}
                </For>
              </Alert>
            </div>
          </Show>

          <div class="template-layout">
            <Panel title={t('marketing.template.content')} class="template-layout__form">
              <div class="form-stack">
                <TextField
                  label={t('marketing.template.name')}
                  value={name()}
                  maxLength={120}
                  required
                  disabled={!editable()}
                  error={fieldErrors().find((f) => f.field === 'name')?.message}
                  onInput={(event) => setName(event.currentTarget.value)}
                />
                <TextField
                  label={partLabel('subject')}
                  value={values().subject}
                  maxLength={200}
                  required
                  disabled={!editable()}
                  error={partError('subject')}
                  data-testid="template-subject"
                  {...focusHandlers('subject')}
                  onInput={(event) => setPart('subject', event.currentTarget.value)}
                />
                <TextAreaField
                  label={partLabel('html')}
                  hint={t('marketing.template.htmlHint')}
                  class="template-code"
                  rows={14}
                  spellcheck={false}
                  value={values().html}
                  disabled={!editable()}
                  error={partError('html')}
                  data-testid="template-html"
                  {...focusHandlers('html')}
                  onInput={(event) => setPart('html', event.currentTarget.value)}
                />
                <TextAreaField
                  label={partLabel('text')}
                  hint={t('marketing.template.textHint')}
                  class="template-code"
                  rows={7}
                  value={values().text}
                  disabled={!editable()}
                  error={partError('text')}
                  data-testid="template-text"
                  {...focusHandlers('text')}
                  onInput={(event) => setPart('text', event.currentTarget.value)}
                />
              </div>
            </Panel>

            <div class="template-layout__side">
              <Show when={editable()}>
                <Panel title={t('marketing.template.picker.title')}>
                  <div class="form-stack" data-testid="merge-field-picker">
                    <SelectField
                      label={t('marketing.template.picker.field')}
                      options={mergeFieldNames.map((f) => ({ value: f, label: `${fieldLabel(f)} — ${f}` }))}
                      value={pickField()}
                      onChange={(event) => setPickField(event.currentTarget.value as MergeFieldName)}
                    />
                    <TextField
                      label={t('marketing.template.picker.fallback')}
                      value={fallback()}
                      maxLength={100}
                      disabled={pickField() === 'unsubscribeUrl'}
                      onInput={(event) => setFallback(event.currentTarget.value)}
                    />
                    <code class="merge-tag" data-testid="merge-tag-preview">
                      {mergeTag(pickField(), pickField() === 'unsubscribeUrl' ? '' : fallback())}
                    </code>
                    <div class="merge-picker__actions">
                      <Button variant="secondary" icon="plus" onClick={insert}>
                        {t('marketing.template.picker.insert')}
                      </Button>
                      <span class="field__hint">
                        {t('marketing.template.picker.target', { part: partLabel(target()) })}
                      </span>
                    </div>
                  </div>
                </Panel>
              </Show>

              <Show when={props.id}>
                <Panel
                  title={t('marketing.template.preview.title')}
                  description={t('marketing.template.preview.savedOnly')}
                >
                  <div class="form-stack" data-testid="template-preview-panel">
                    <Show when={editable() && dirty()}>
                      <p class="field__hint template-unsaved">{t('marketing.template.preview.unsaved')}</p>
                    </Show>
                    <TextField
                      label={t('marketing.template.preview.search')}
                      placeholder={t('marketing.template.preview.searchPlaceholder')}
                      type="search"
                      value={query()}
                      onInput={(event) => setQuery(event.currentTarget.value)}
                    />
                    <SelectField
                      label={t('marketing.template.preview.contact')}
                      placeholder={t('marketing.template.preview.pick')}
                      options={hits().map((h) => ({
                        value: h.id,
                        label: h.subtitle ? `${h.name} — ${h.subtitle}` : h.name,
                      }))}
                      value={contactId()}
                      onChange={(event) => setContactId(event.currentTarget.value)}
                    />
                    <div class="merge-picker__actions">
                      <Button
                        variant="secondary"
                        icon="eye"
                        busy={previewing()}
                        disabled={!contactId()}
                        onClick={() => void showPreview()}
                      >
                        {t('marketing.template.preview.show')}
                      </Button>
                      <Show when={editable()}>
                        <Button
                          variant="secondary"
                          icon="send"
                          busy={sending()}
                          onClick={() => void testSend()}
                        >
                          {t('marketing.template.preview.testSend')}
                        </Button>
                      </Show>
                    </div>
                  </div>
                </Panel>
              </Show>
            </div>
          </div>

          <Show when={preview()}>
            {(p) => (
              <Panel
                title={t('marketing.template.preview.title')}
                class="template-preview"
                description={p().contact.name}
              >
                <div data-testid="template-preview">
                  <p class="template-preview__subject">
                    <span class="template-preview__label">{t('marketing.template.preview.subject')}:</span>{' '}
                    <strong data-testid="template-preview-subject">{p().rendered.subject}</strong>
                  </p>
                  <iframe
                    class="template-preview__frame"
                    title={t('marketing.template.preview.frame', { name: p().contact.name })}
                    sandbox=""
                    srcdoc={p().rendered.html}
                    data-testid="template-preview-frame"
                  />
                  <h3 class="segment-preview__subtitle">{t('marketing.template.preview.text')}</h3>
                  <pre class="template-preview__text" data-testid="template-preview-text">
                    {p().rendered.text}
                  </pre>
                </div>
              </Panel>
            )}
          </Show>
        </Show>
      </Show>
    </div>
  );
};
