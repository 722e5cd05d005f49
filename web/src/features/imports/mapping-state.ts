// The column-mapping step of the import, free of the UI: the targets a column can go to (record
// fields, custom fields), the mapping as the user adjusts it starting from the server's suggestion,
// and what stops the import (a required field without a column, a field chosen twice).
import type { CustomField } from '../../api/custom-fields.ts';
import type { ColumnMapping, ImportField } from '../../api/imports.ts';
import type { RecordType } from '../../api/records.ts';

export type ImportTarget = {
  key: string;
  /** A dictionary key for record fields; custom fields carry their own labels. */
  labelKey?: string;
  label?: { ru: string; en: string };
  required: boolean;
  /** Several columns may feed it (phones, e-mails, tags). */
  multiple: boolean;
  group: 'standard' | 'custom';
};

const field = (key: string, labelKey: string, extra: Partial<ImportTarget> = {}): ImportTarget => ({
  key,
  labelKey,
  required: false,
  multiple: false,
  group: 'standard',
  ...extra,
});

// The same keys as the server's import fields (functions/domain/imports/import-fields.ts).
const standardTargets: Record<RecordType, ImportTarget[]> = {
  company: [
    field('name', 'records.fields.name', { required: true }),
    field('legalName', 'records.fields.legalName'),
    field('inn', 'records.fields.inn'),
    field('kpp', 'records.fields.kpp'),
    field('phones', 'records.fields.phone', { multiple: true }),
    field('emails', 'records.fields.email', { multiple: true }),
    field('website', 'records.fields.website'),
    field('address', 'records.fields.address'),
    field('city', 'records.fields.city'),
    field('industry', 'records.fields.industry'),
    field('size', 'records.fields.size'),
    field('lifecycleStage', 'records.fields.lifecycleStage'),
    field('leadSource', 'records.fields.leadSource'),
    field('ownerId', 'records.fields.ownerId'),
    field('tags', 'records.fields.tags', { multiple: true }),
  ],
  contact: [
    field('fullName', 'records.fields.fullName'),
    field('lastName', 'records.fields.lastName'),
    field('firstName', 'records.fields.firstName'),
    field('middleName', 'records.fields.middleName'),
    field('jobTitle', 'records.fields.jobTitle'),
    field('phones', 'records.fields.phone', { multiple: true }),
    field('emails', 'records.fields.email', { multiple: true }),
    field('companyId', 'records.fields.companyName'),
    field('companyInn', 'imports.companyInn'),
    field('birthday', 'records.fields.birthday'),
    field('leadSource', 'records.fields.leadSource'),
    field('ownerId', 'records.fields.ownerId'),
    field('tags', 'records.fields.tags', { multiple: true }),
    field('marketingConsent', 'records.fields.marketingConsent'),
  ],
};

export const customTargetKey = (key: string): string => `customFields.${key}`;

/**
 * The targets of a column: the server's list after the analysis when there is one (it knows its own
 * fields and the custom fields), otherwise record fields and the entity's custom fields; then any
 * target the server suggested that neither knows.
 */
export const importTargets = (
  entity: RecordType,
  customFields: readonly CustomField[],
  suggested: ColumnMapping = {},
  serverFields: readonly ImportField[] = [],
): ImportTarget[] => {
  const requiredKeys = new Set([
    ...(entity === 'company' ? ['name'] : []),
    ...customFields.filter((f) => f.entity === entity && f.required).map((f) => customTargetKey(f.key)),
  ]);
  const fromServer: ImportTarget[] = serverFields.map((f) => {
    const standard = standardTargets[entity].find((t) => t.key === f.field);
    return {
      key: f.field,
      ...(standard?.labelKey ? { labelKey: standard.labelKey } : { label: f.label }),
      required: requiredKeys.has(f.field),
      multiple: f.multi,
      group: f.field.startsWith('customFields.') ? ('custom' as const) : ('standard' as const),
    };
  });
  const targets: ImportTarget[] =
    fromServer.length > 0
      ? fromServer
      : [
          ...standardTargets[entity],
          ...customFields
            .filter((f) => f.entity === entity)
            .map((f) => ({
              key: customTargetKey(f.key),
              label: f.label,
              required: f.required,
              multiple: false,
              group: 'custom' as const,
            })),
        ];
  const known = new Set(targets.map((t) => t.key));
  for (const key of Object.values(suggested)) {
    if (!key || known.has(key)) continue;
    const cf = /^(?:customFields\.|cf\.)(.+)$/.exec(key);
    const normalized = cf ? customTargetKey(cf[1] as string) : key;
    if (known.has(normalized)) continue;
    known.add(key);
    targets.push({
      key,
      label: { ru: key, en: key },
      required: false,
      multiple: false,
      group: cf ? 'custom' : 'standard',
    });
  }
  return targets;
};

/** One target (or null: skip) per column, from the server's suggestion keyed by header. */
export const initialMapping = (
  headers: readonly string[],
  suggested: ColumnMapping,
  targets: readonly ImportTarget[],
): (string | null)[] => {
  const keys = new Set(targets.map((t) => t.key));
  // The server shows a repeated header as "Телефон (2)".
  const seen = new Map<string, number>();
  return headers.map((header, index) => {
    const count = (seen.get(header) ?? 0) + 1;
    seen.set(header, count);
    const key = count > 1 ? `${header} (${count})` : header;
    const raw = suggested[key] ?? suggested[`#${index + 1}`] ?? null;
    if (!raw) return null;
    const cf = /^cf\.(.+)$/.exec(raw);
    const target = cf ? customTargetKey(cf[1] as string) : raw;
    return keys.has(target) ? target : keys.has(raw) ? raw : null;
  });
};

/** Points a column at a target; a single-column target leaves the column that had it. */
export const assignTarget = (
  mapping: readonly (string | null)[],
  column: number,
  target: string | null,
  targets: readonly ImportTarget[],
): (string | null)[] => {
  const multiple = targets.find((t) => t.key === target)?.multiple ?? false;
  return mapping.map((current, index) => {
    if (index === column) return target;
    if (target && !multiple && current === target) return null;
    return current;
  });
};

export type MappingIssue =
  | { kind: 'required'; target: ImportTarget }
  | { kind: 'usedTwice'; target: ImportTarget };

/** What must be fixed before a dry run. Contacts need a name: first name, or a full-name column. */
export const mappingIssues = (
  entity: RecordType,
  mapping: readonly (string | null)[],
  targets: readonly ImportTarget[],
): MappingIssue[] => {
  const used = mapping.filter((m): m is string => Boolean(m));
  const issues: MappingIssue[] = [];
  for (const target of targets) {
    if (target.required && !used.includes(target.key)) issues.push({ kind: 'required', target });
    if (!target.multiple && used.filter((k) => k === target.key).length > 1)
      issues.push({ kind: 'usedTwice', target });
  }
  if (entity === 'contact' && !used.includes('firstName') && !used.includes('fullName')) {
    const firstName = targets.find((t) => t.key === 'firstName');
    if (firstName) issues.push({ kind: 'required', target: firstName });
  }
  return issues;
};

/** The mapping as the API takes it: column number ("#1", "#2"…) → target (null = skip). */
export const toApiMapping = (
  headers: readonly string[],
  mapping: readonly (string | null)[],
): ColumnMapping => {
  const out: ColumnMapping = {};
  headers.forEach((_header, index) => {
    out[`#${index + 1}`] = mapping[index] ?? null;
  });
  return out;
};

/** Rows per second and the remaining time from two progress samples. */
export const importRate = (
  first: { at: number; processed: number } | undefined,
  last: { at: number; processed: number },
  total: number | undefined,
): { rate: number; etaSeconds: number | undefined } => {
  if (!first || last.at <= first.at) return { rate: 0, etaSeconds: undefined };
  const rate = ((last.processed - first.processed) * 1000) / (last.at - first.at);
  const etaSeconds =
    rate > 0 && total !== undefined ? Math.max(0, Math.round((total - last.processed) / rate)) : undefined;
  return { rate, etaSeconds };
};
