// What the CLI knows about a running local runtime: the data folder it uses, the marker file
// that proves a folder is one, and `runtime.json`, where the runtime writes its ports.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CliError } from './errors.ts';
import { defaultDataDir, displayPath } from './paths.ts';

/** Written by the runtime into every data folder it creates; `crm reset` deletes only those. */
export const dataDirMarker = '.crm-data';

export const runtimeStateFile = 'runtime.json';

const runtimeStateSchema = z.object({
  ports: z.object({ bus: z.number().int().min(1).max(65_535) }).loose(),
});

export type RuntimeState = z.infer<typeof runtimeStateSchema>;

export const resolveDataDir = (option: string | undefined): string =>
  option === undefined ? defaultDataDir : resolve(option);

const notRunning = (why: string): CliError =>
  new CliError(`the local runtime is not running (${why})`, { hint: ['Start it with: npm start'] });

/** Reads `<dataDir>/runtime.json`; a missing file means no runtime has been started there. */
export const readRuntimeState = (dataDir: string): RuntimeState => {
  const file = join(dataDir, runtimeStateFile);
  if (!existsSync(file)) throw notRunning(`no ${displayPath(file)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw notRunning(`${displayPath(file)} is not JSON: ${(error as Error).message}`);
  }
  const result = runtimeStateSchema.safeParse(parsed);
  if (!result.success) throw notRunning(`${displayPath(file)} has no ports.bus`);
  return result.data;
};

export const clockUrl = (state: RuntimeState): string => `http://127.0.0.1:${state.ports.bus}/_local/clock`;

/**
 * Calls the runtime's clock endpoint. A refused connection means runtime.json is left over
 * from a runtime that has stopped.
 */
export const callClock = async (
  state: RuntimeState,
  body?: { advanceMs: number } | { set: string },
  timeoutMs = 5_000,
): Promise<unknown> => {
  let response: Response;
  try {
    response = await fetch(clockUrl(state), {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw notRunning(`nothing answers on 127.0.0.1:${state.ports.bus}: ${cause}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const message = z.object({ message: z.string() }).safeParse(parseJson(text)).data?.message ?? text;
    throw new CliError(`the local clock refused: ${message || `HTTP ${response.status}`}`);
  }
  return parseJson(text);
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** The runtime's time from a clock response: `{ "now": "<ISO 8601>" }` (or a bare string). */
export const clockTime = (response: unknown): Date => {
  const value =
    typeof response === 'string'
      ? response
      : z.object({ now: z.union([z.string(), z.number()]) }).safeParse(response).data?.now;
  const time = value === undefined ? Number.NaN : new Date(value).getTime();
  if (Number.isNaN(time)) {
    throw new CliError(`the local clock answered without a time: ${JSON.stringify(response)}`);
  }
  return new Date(time);
};
