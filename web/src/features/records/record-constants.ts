// The value lists of record fields (stages, sizes, sources, kinds): the domain's own lists, from
// a module without dependencies, so the bundle carries no server code.
export {
  addressKinds,
  type CompanySize,
  type CustomFieldType,
  companySizes,
  consentMethods,
  consentStatuses,
  customFieldEntities,
  customFieldTypes,
  emailKinds,
  type LeadSource,
  type LifecycleStage,
  leadSources,
  lifecycleStages,
  messengerKinds,
  phoneKinds,
} from '../../../../functions/domain/records/value-lists.ts';
