// Child processes of the local runtime (DynamoDB Local, cognito-local): their output goes
// to a log file, they die with the runtime, and stop() waits until they have exited.
// Their stdin is a pipe the runtime never writes to: when the runtime ends, even killed,
// the pipe closes and the child (which watches for end-of-file) exits.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Child = { readonly process: ChildProcess; alive(): boolean; stop(): Promise<void> };

export const startChild = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): Child => {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  // Losing a log line (its folder was removed at shutdown) must not take the runtime down.
  log.on('error', () => undefined);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  // If the runtime dies without stopping us, don't leave the child listening.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    process: child,
    alive: () => !exited,
    stop: async () => {
      process.off('exit', kill);
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exit;
        clearTimeout(timer);
      }
      log.end();
    },
  };
};
