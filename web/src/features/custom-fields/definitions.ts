// The custom field definitions of the organisation, loaded once per session and refreshed after an
// admin changes them: forms, cards, list columns, filters and the import read them from here.
import { createSignal } from 'solid-js';
import { api } from '../../api/client.ts';
import type { CustomField } from '../../api/custom-fields.ts';
import type { RecordType } from '../../api/records.ts';

const [definitions, setDefinitions] = createSignal<readonly CustomField[]>([]);
const [loaded, setLoaded] = createSignal(false);
let loading: Promise<readonly CustomField[]> | undefined;

export const loadCustomFields = (force = false): Promise<readonly CustomField[]> => {
  if (force) loading = undefined;
  loading ??= api()
    .customFields.list()
    .then((list) => {
      setDefinitions(list);
      setLoaded(true);
      return list;
    })
    .catch(() => {
      loading = undefined;
      setLoaded(true);
      return definitions();
    });
  return loading;
};

export const customFieldsOf = (entity: RecordType): readonly CustomField[] =>
  definitions().filter((field) => field.entity === entity);

export const customFieldsLoaded = loaded;

export const forgetCustomFields = (): void => {
  loading = undefined;
  setDefinitions([]);
  setLoaded(false);
};
