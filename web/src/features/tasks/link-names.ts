// Names of the records a task or timeline entry links to by id (a company, a contact, a deal), read once
// per session and shared: tasks carry only ids. A name is undefined while it loads and `null` when the
// record cannot be read (deleted, or not visible to this user) — the link then says so.
import { createSignal } from 'solid-js';
import { api, recordsOf } from '../../api/client.ts';

export type LinkType = 'company' | 'contact' | 'deal';

const [names, setNames] = createSignal<ReadonlyMap<string, string | null>>(new Map());
const requested = new Set<string>();

const keyOf = (type: LinkType, id: string) => `${type}:${id}`;

const read = async (type: LinkType, id: string): Promise<string> =>
  type === 'deal' ? (await api().deals.get(id)).title : (await recordsOf(type).get(id)).name;

/** The name (reactive): undefined while unknown; starts reading it the first time it is asked for. */
export const linkName = (type: LinkType, id: string): string | null | undefined => {
  const key = keyOf(type, id);
  const known = names().get(key);
  if (known !== undefined || requested.has(key)) return known;
  requested.add(key);
  void read(type, id)
    .then((name) => rememberName(type, id, name))
    .catch(() => setNames((map) => new Map(map).set(key, null)));
  return undefined;
};

/** A name learnt elsewhere (a record picked in a form, a deal just loaded), so it is not read again. */
export const rememberName = (type: LinkType, id: string, name: string): void => {
  const key = keyOf(type, id);
  requested.add(key);
  setNames((map) => new Map(map).set(key, name));
};

/** Sign-out: the next session reads its own names. */
export const forgetNames = (): void => {
  requested.clear();
  setNames(new Map());
};
