// Runs one function of one tenant locally: a small pool of worker threads (Lambda
// execution environments), each with the function's own environment, started on demand
// and reused. An invocation that overruns the function's timeout has its worker
// terminated, as Lambda does, and fails with "Task timed out".
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from '../../functions/catalog.ts';
import type { Invocation, InvocationResult, WorkerData } from './function-worker.ts';

export class InvocationFailed extends Error {
  readonly errorType: string;
  readonly remoteStack: string | undefined;
  constructor(functionName: string, error: { name: string; message: string; stack?: string }) {
    super(`${functionName}: ${error.name}: ${error.message}`);
    this.errorType = error.name;
    this.remoteStack = error.stack;
  }
}

type Slot = { worker: Worker; busy: boolean; pending?: (r: InvocationResult) => void };

export type FunctionHostOptions = {
  readonly functionName: string;
  readonly definition: FunctionDefinition;
  readonly entryPath: string;
  readonly environment: Record<string, string>;
  readonly region: string;
  readonly maxConcurrency: number;
  readonly clockOffsetMs: () => number;
  /** Receives every line the function writes (its structured logs). */
  readonly onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
};

export class FunctionHost {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private nextId = 1;
  private stopped = false;
  private readonly options: FunctionHostOptions;

  constructor(options: FunctionHostOptions) {
    this.options = options;
  }

  get timeoutMs(): number {
    return (this.options.definition.timeoutSeconds ?? 10) * 1000;
  }

  private startWorker(): Slot {
    const { functionName, definition, entryPath, environment, region } = this.options;
    const data: WorkerData = { entryPath, functionName, memoryMb: definition.memoryMb ?? 512, region };
    const worker = new Worker(new URL('./function-worker.ts', import.meta.url), {
      workerData: data,
      env: { ...environment },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: definition.memoryMb ?? 512 },
    });
    const slot: Slot = { worker, busy: false };
    for (const stream of ['stdout', 'stderr'] as const) {
      let buffer = '';
      worker[stream].setEncoding('utf8');
      worker[stream].on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          this.options.onOutput(buffer.slice(0, newline), stream);
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');
        }
      });
    }
    worker.on('message', (result: InvocationResult) => slot.pending?.(result));
    const fail = (message: string) =>
      slot.pending?.({ id: -1, ok: false, error: { name: 'Runtime.ExitError', message } });
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      fail(`the execution environment exited with code ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  /**
   * A slot for one invocation, marked busy before this returns: invocations started in the same
   * tick (a clock jump firing several occurrences of a schedule) must not share a worker, or
   * the second one's result handler replaces the first's, which then waits for its timeout.
   */
  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.stopped) throw new Error(`${this.options.functionName} is stopped`);
      const slot =
        this.slots.find((s) => !s.busy) ??
        (this.slots.length < this.options.maxConcurrency ? this.startWorker() : undefined);
      if (slot) {
        slot.busy = true;
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Invokes the handler with `event`; resolves its result, rejects with InvocationFailed. */
  async invoke(event: unknown, requestId?: string): Promise<unknown> {
    const slot = await this.acquire();
    const id = this.nextId++;
    const timeoutMs = this.timeoutMs;
    try {
      const result = await new Promise<InvocationResult>((resolve) => {
        const timer = setTimeout(() => {
          resolve({
            id,
            ok: false,
            error: { name: 'Sandbox.Timedout', message: `Task timed out after ${timeoutMs / 1000} seconds` },
          });
          void slot.worker.terminate();
        }, timeoutMs);
        slot.pending = (r) => {
          clearTimeout(timer);
          resolve(r);
        };
        const invocation: Invocation = {
          id,
          event,
          ...(requestId ? { requestId } : {}),
          deadline: Date.now() + timeoutMs,
          clockOffsetMs: this.options.clockOffsetMs(),
        };
        slot.worker.postMessage(invocation);
      });
      if (!result.ok) throw new InvocationFailed(this.options.functionName, result.error);
      return result.result;
    } finally {
      slot.busy = false;
      slot.pending = undefined;
      this.waiting.shift()?.();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const resolve of this.waiting.splice(0)) resolve();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
