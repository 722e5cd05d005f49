// What the benchmarks read about processes (Linux /proc): peak memory, and the emulators the
// benchmark process started, by name.
import { readFileSync } from 'node:fs';

/** Peak resident memory (VmHWM) of a process in bytes; 0 when it is gone. */
export const peakRss = (pid: number): number => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The emulators this process started, by name, with their process ids. */
export const emulatorProcesses = (): [string, number][] =>
  readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .flatMap((pid): [string, number][] => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        const name = cmdline.includes('DynamoDb')
          ? 'DynamoDB Local'
          : (['fauxqs', 'cognito-local', 'aws-ses-v2-local'].find((n) => cmdline.includes(n)) ?? 'other');
        return [[name, Number(pid)]];
      } catch {
        return [];
      }
    });

/** DynamoDB Local's process id, or 0 when this process did not start one. */
export const dynamoDbLocalPid = (): number =>
  emulatorProcesses().find(([name]) => name === 'DynamoDB Local')?.[1] ?? 0;
