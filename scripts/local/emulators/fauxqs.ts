// fauxqs: the SQS (and S3) emulator, in this process, with its state in a SQLite file so
// queued messages survive a restart. fauxqs listens on 0.0.0.0 with no option to change
// it, so its start is wrapped to bind 127.0.0.1 instead: the local CRM listens on loopback only.
import { Server } from 'node:net';
import { type FauxqsServer, startFauxqs } from 'fauxqs';

type ListenArgs = Parameters<Server['listen']>;

const onLoopback = async <T>(start: () => Promise<T>): Promise<T> => {
  const original = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: ListenArgs) {
    const [first] = args;
    if (typeof first === 'object' && first !== null && 'host' in first && first.host === '0.0.0.0') {
      args[0] = { ...first, host: '127.0.0.1' };
    }
    return original.apply(this, args);
  } as Server['listen'];
  try {
    return await start();
  } finally {
    Server.prototype.listen = original;
  }
};

export type Fauxqs = { readonly endpoint: string; readonly server: FauxqsServer; stop(): Promise<void> };

export const startFauxqsEmulator = async (options: {
  port: number;
  region: string;
  /** Folder for the SQLite state; in memory when undefined. */
  dataDir: string | undefined;
}): Promise<Fauxqs> => {
  const server = await onLoopback(() =>
    startFauxqs({
      port: options.port,
      logger: false,
      host: '127.0.0.1',
      defaultRegion: options.region,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    }),
  );
  return { endpoint: `http://127.0.0.1:${server.port}`, server, stop: () => server.stop() };
};
