// cognito-local: the Cognito user pool emulator, as a child process with its database in
// the data folder. It issues real RS256 JWTs whose issuer is this endpoint + the pool id,
// and serves the pool's JWKS, so the local gateway verifies tokens as API Gateway does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitForPort } from '../ports.ts';
import { startChild } from './child-process.ts';

export type CognitoLocal = { readonly endpoint: string; stop(): Promise<void> };

export const startCognitoLocal = async (options: {
  port: number;
  dataDir: string;
  logFile: string;
}): Promise<CognitoLocal> => {
  const endpoint = `http://127.0.0.1:${options.port}`;
  const configDir = join(options.dataDir, '.cognito');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'config.json'),
    JSON.stringify(
      { TokenConfig: { IssuerDomain: endpoint }, UserPoolDefaults: { UsernameAttributes: ['email'] } },
      null,
      2,
    ),
  );
  const pkg = dirname(createRequire(import.meta.url).resolve('cognito-local/package.json'));
  const watchParent = join(dirname(fileURLToPath(import.meta.url)), 'exit-with-parent.mjs');
  const child = startChild(
    process.execPath,
    ['--import', pathToFileURL(watchParent).href, join(pkg, 'lib', 'bin', 'start.js')],
    {
      cwd: options.dataDir,
      env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
      logFile: options.logFile,
    },
  );
  try {
    await waitForPort(options.port, 'cognito-local', 30_000, child.alive);
  } catch (error) {
    await child.stop();
    throw new Error(`${(error as Error).message}; see ${options.logFile}`);
  }
  return { endpoint, stop: child.stop };
};
