// One Lambda execution environment, as a worker thread: its own module scope and
// environment (the function's variables), the handler imported at the first invocation
// (the cold start), then invocations one at a time, as Lambda runs them.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

export type WorkerData = {
  readonly entryPath: string;
  readonly functionName: string;
  readonly memoryMb: number;
  readonly region: string;
};

export type Invocation = {
  readonly id: number;
  readonly event: unknown;
  readonly requestId?: string;
  readonly deadline: number;
  readonly clockOffsetMs: number;
};

export type InvocationResult =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { name: string; message: string; stack?: string };
    };

const data = workerData as WorkerData;
type Handler = (event: unknown, context: unknown) => Promise<unknown>;
let handler: Promise<Handler> | undefined;

const loadHandler = async (): Promise<Handler> => {
  const module = (await import(pathToFileURL(data.entryPath).href)) as { handler?: Handler };
  if (typeof module.handler !== 'function') throw new Error(`${data.entryPath} has no exported handler`);
  return module.handler;
};

parentPort?.on('message', async (invocation: Invocation) => {
  const awsRequestId = invocation.requestId ?? randomUUID();
  process.env.CRM_CLOCK_OFFSET_MS = String(invocation.clockOffsetMs);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${data.region}:000000000000:function:${data.functionName}`,
    memoryLimitInMB: String(data.memoryMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${data.functionName}`,
    logStreamName: `local/${data.functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, invocation.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  let message: InvocationResult;
  try {
    handler ??= loadHandler();
    const result = await (await handler)(invocation.event, context);
    message = { id: invocation.id, ok: true, result };
  } catch (error) {
    const e = error as Error;
    message = {
      id: invocation.id,
      ok: false,
      error: {
        name: e?.name ?? 'Error',
        message: e?.message ?? String(error),
        ...(e?.stack ? { stack: e.stack } : {}),
      },
    };
  }
  parentPort?.postMessage(message);
});
