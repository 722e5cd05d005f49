// `crm clock`: reads or moves the local runtime's clock, which drives schedules, reminders
// and "overdue" checks, so time-based features can be tried without waiting.
import { type Command, Option } from 'commander';
import { formatDuration, parseDuration } from '../lib/duration.ts';
import { usageError } from '../lib/errors.ts';
import { callClock, clockTime, readRuntimeState, resolveDataDir } from '../lib/local-runtime-state.ts';

const isoPattern = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const parseInstant = (text: string): string => {
  const time = isoPattern.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(time)) {
    throw usageError(`--set: "${text}" is not an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z`);
  }
  return new Date(time).toISOString();
};

const clock = async (options: { advance?: string; set?: string; dataDir?: string }): Promise<void> => {
  let body: { advanceMs: number } | { set: string } | undefined;
  if (options.advance !== undefined) {
    const advanceMs = parseDuration(options.advance);
    if (advanceMs === undefined) {
      throw usageError(`--advance: "${options.advance}" is not a duration such as 15m, 3h, 1d or 1d12h`);
    }
    body = { advanceMs };
  } else if (options.set !== undefined) {
    body = { set: parseInstant(options.set) };
  }
  const state = readRuntimeState(resolveDataDir(options.dataDir));
  const now = clockTime(await callClock(state, body));
  const change = body && 'advanceMs' in body ? ` (moved ${formatDuration(body.advanceMs)} forward)` : '';
  console.log(`Local time: ${now.toISOString()}${change}`);
};

export const registerClockCommand = (program: Command): void => {
  program
    .command('clock')
    .description("show or move the local runtime's clock (schedules, reminders, overdue checks)")
    .addOption(
      new Option('--advance <duration>', 'move the clock forward, e.g. 15m, 3h, 1d, 1d12h').conflicts('set'),
    )
    .option('--set <iso>', 'set the clock to a date-time, e.g. 2026-12-01T09:00:00Z')
    .option('--data-dir <dir>', "the running runtime's data folder (default: .data in the repository)")
    .addHelpText(
      'after',
      `
Without options, prints the local time. Needs the local runtime (npm start) running.

Examples:
  $ npm run crm -- clock
  $ npm run crm -- clock --advance 1d
  $ npm run crm -- clock --set 2026-12-31T23:59:00+03:00`,
    )
    .action(clock);
};
