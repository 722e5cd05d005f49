// A progress bar on stderr for long CLI operations (import, export): rows, rate and ETA. In a
// terminal it redraws in place; otherwise (CI logs, tests, a pipe) it prints a line every two
// seconds, so a long run still shows it is alive.
import cliProgress from 'cli-progress';

export type Progress = {
  /** Sets how far it is (and, when it becomes known, the total). */
  update(value: number, total?: number): void;
  stop(): void;
};

export const progressBar = (unit: string, total: number): Progress => {
  const started = Date.now();
  const bar = new cliProgress.SingleBar({
    format: `{bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    etaBuffer: 50,
    fps: 5,
    stream: process.stderr,
  });
  bar.start(Math.max(total, 1), 0, { rate: '0' });
  return {
    update: (value, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      const seconds = (Date.now() - started) / 1000;
      bar.update(value, { rate: seconds > 0 ? (value / seconds).toFixed(0) : '0' });
    },
    stop: () => bar.stop(),
  };
};

/** A count that only grows (an export of unknown size): one line, redrawn or printed every 2 s. */
export const progressCount = (unit: string): Progress => {
  const started = Date.now();
  let last = 0;
  let value = 0;
  const tty = process.stderr.isTTY === true;
  const print = (final: boolean) => {
    const seconds = (Date.now() - started) / 1000;
    const line = `${value} ${unit} (${seconds > 0 ? (value / seconds).toFixed(0) : 0} ${unit}/s)`;
    if (tty) process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
  return {
    update: (v) => {
      value = v;
      const now = Date.now();
      if (now - last > (tty ? 200 : 2000)) {
        last = now;
        print(false);
      }
    },
    stop: () => print(true),
  };
};
