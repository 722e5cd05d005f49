// The fixed value lists of company and contact fields, free of dependencies: the domain's
// schemas validate against them and the web app builds its selects and labels from them, so
// the two never drift and the browser bundle carries no server code.

export const lifecycleStages = ['lead', 'prospect', 'customer', 'former'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const companySizes = ['1-10', '11-50', '51-200', '201-1000', '1001+'] as const;
export type CompanySize = (typeof companySizes)[number];

export const leadSources = [
  'site',
  'cold-call',
  'advertising',
  'referral',
  'event',
  'campaign',
  'other',
] as const;
export type LeadSource = (typeof leadSources)[number];

export const phoneKinds = ['work', 'mobile', 'fax', 'home', 'other'] as const;
export const emailKinds = ['work', 'personal', 'other'] as const;
export const messengerKinds = ['telegram', 'whatsapp', 'viber', 'vk', 'skype', 'other'] as const;
export const addressKinds = ['legal', 'actual', 'postal', 'other'] as const;

export const consentStatuses = ['granted', 'withdrawn', 'unknown'] as const;
export const consentMethods = [
  'web-form',
  'email',
  'phone',
  'in-person',
  'paper',
  'import',
  'other',
] as const;

export const customFieldEntities = ['company', 'contact'] as const;
export type CustomFieldEntity = (typeof customFieldEntities)[number];

export const customFieldTypes = [
  'text',
  'number',
  'money',
  'date',
  'select',
  'multi-select',
  'checkbox',
  'user',
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];
