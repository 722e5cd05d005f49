// `crm dev` minus the wiring: starts the local runtime, prints where everything is, and stops
// it once on SIGINT/SIGTERM. The runtime's start function and the process hooks are passed
// in, so this is tested without emulators.
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { alignColumns, formatFields } from './output.ts';

export type LocalRuntimeLogin = { email: string; password: string; roles: readonly string[]; name?: string };
export type LocalRuntimeTenant = { id: string; appUrl: string; logins: readonly LocalRuntimeLogin[] };
export type LocalRuntime = {
  tenants: readonly LocalRuntimeTenant[];
  mailViewerUrl: string;
  stop(): Promise<void>;
};
export type StartLocalRuntime = (options: {
  tenantIds: string[];
  dataDir: string;
  basePort: number;
  onProgress: (line: string) => void;
}) => Promise<LocalRuntime>;

export type DevSession = {
  start: StartLocalRuntime;
  tenantIds: string[];
  /** Display names by tenant id, for the summary. */
  tenantNames?: Readonly<Record<string, string>>;
  dataDir: string;
  basePort: number;
  print: (text: string) => void;
  signals: Pick<EventEmitter, 'on'>;
  exit: (code: number) => void;
};

export const formatReady = (
  runtime: LocalRuntime,
  dataDir: string,
  tenantNames: Readonly<Record<string, string>> = {},
): string => {
  const tenants = runtime.tenants.map((tenant) => {
    const name = tenantNames[tenant.id];
    const logins = alignColumns(
      tenant.logins.map((login) => [
        login.email,
        login.password,
        `(${login.roles.join(', ') || 'no roles'})`,
        login.name ?? '',
      ]),
    );
    return [
      `${tenant.id}${name ? `  ${name}` : ''}`,
      formatFields([
        ['app', tenant.appUrl],
        ['logins', logins[0] ?? 'none'],
        ...logins.slice(1).map((line): [string, string] => ['', line]),
      ]),
    ].join('\n');
  });
  return [
    'The local CRM is ready.',
    '',
    ...tenants.flatMap((block) => [block, '']),
    formatFields([
      ['mail viewer', runtime.mailViewerUrl],
      ['data folder', `${dataDir}  (npm run crm -- reset deletes it)`],
      ['logs', join(dataDir, 'logs')],
    ]),
    '',
    'Ctrl-C to stop.',
  ].join('\n');
};

/**
 * Resolves once the runtime is up. The first signal (even during start-up) stops it and exits
 * 0, or 1 if stopping fails; a second signal exits at once with 130.
 */
export const runDevSession = async (session: DevSession): Promise<void> => {
  const { print, exit } = session;
  let runtime: LocalRuntime | undefined;
  let stopRequested = false;
  let stopping = false;

  const stop = (): void => {
    if (!runtime || stopping) return;
    stopping = true;
    runtime.stop().then(
      () => {
        print('Stopped.');
        exit(0);
      },
      (error: unknown) => {
        print(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  const onSignal = (): void => {
    if (stopRequested) {
      print('Exiting without waiting for the runtime to stop.');
      exit(130);
      return;
    }
    stopRequested = true;
    print(
      runtime
        ? 'Stopping… (Ctrl-C again to exit at once)'
        : 'Stopping once started… (Ctrl-C again to exit at once)',
    );
    stop();
  };
  session.signals.on('SIGINT', onSignal);
  session.signals.on('SIGTERM', onSignal);

  runtime = await session.start({
    tenantIds: session.tenantIds,
    dataDir: session.dataDir,
    basePort: session.basePort,
    onProgress: (line) => print(line),
  });
  if (stopRequested) {
    stop();
    return;
  }
  print(formatReady(runtime, session.dataDir, session.tenantNames));
};
