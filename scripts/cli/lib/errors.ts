// Errors the CLI reports without a stack trace. Exit codes: 1 for an operation that failed or
// was aborted, 2 for a command that cannot run as given (bad input, missing credentials).
export class CliError extends Error {
  readonly exitCode: number;
  /** Extra lines printed after the message: how to fix it. */
  readonly hint: readonly string[];
  constructor(message: string, options: { exitCode?: number; hint?: readonly string[] } = {}) {
    super(message);
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint ?? [];
  }
}

export const usageError = (message: string, hint: readonly string[] = []): CliError =>
  new CliError(message, { exitCode: 2, hint });
