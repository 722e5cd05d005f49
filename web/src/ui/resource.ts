// A resource's value without side effects: undefined while the first load runs (no Suspense fallback
// for the whole page) or after it failed (no throw into the shell's ErrorBoundary). Components show
// their own skeletons and errors.
import type { Resource } from 'solid-js';

export const loaded = <T>(resource: Resource<T>): T | undefined =>
  resource.state === 'ready' || resource.state === 'refreshing' ? resource.latest : undefined;
