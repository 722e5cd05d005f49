// Delivery with retries, shared by the bus (rule → target) and the scheduler (schedule →
// target). AWS retries a failed target with exponential backoff until the retry policy's
// MaximumRetryAttempts or MaximumEventAgeInSeconds is reached, then drops the event or puts
// it on the target's dead-letter queue with attributes that say why. Locally the backoff
// starts at a configurable base delay (tests use a few milliseconds) and doubles up to a
// cap, without AWS's jitter so that tests are deterministic. The event's age is measured in
// real time since it was accepted, not on the movable clock: jumping the clock a day ahead
// must not expire every delivery that is waiting for a retry.

export type RetryPolicy = {
  /** Retries after the first attempt (AWS: 0–185). */
  readonly maximumRetryAttempts: number;
  /** Give up once the event is this old (AWS: 60–86400; locally any value >= 0). */
  readonly maximumEventAgeSeconds: number;
};

/** AWS's default for rule targets and schedules: 185 retries over 24 hours. */
export const defaultRetryPolicy: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

export type ExhaustedRetryCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

/** Why a delivery ended on the dead-letter path. */
export type DeliveryFailure = {
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly exhaustedRetryCondition: ExhaustedRetryCondition;
  /** Retries made after the first attempt. */
  readonly retryAttempts: number;
};

export type BackoffOptions = {
  /** Delay before the first retry; doubles on each later retry. */
  readonly baseDelayMs: number;
  /** Upper bound of one delay. */
  readonly maxDelayMs: number;
};

export const defaultBackoff: BackoffOptions = { baseDelayMs: 1000, maxDelayMs: 60_000 };

export const validateRetryPolicy = (policy: RetryPolicy): RetryPolicy => {
  const { maximumRetryAttempts, maximumEventAgeSeconds } = policy;
  if (!Number.isInteger(maximumRetryAttempts) || maximumRetryAttempts < 0 || maximumRetryAttempts > 185) {
    throw new RangeError(
      `maximumRetryAttempts must be an integer from 0 to 185, got ${maximumRetryAttempts}`,
    );
  }
  if (
    !Number.isFinite(maximumEventAgeSeconds) ||
    maximumEventAgeSeconds < 0 ||
    maximumEventAgeSeconds > 86_400
  ) {
    throw new RangeError(`maximumEventAgeSeconds must be from 0 to 86400, got ${maximumEventAgeSeconds}`);
  }
  return policy;
};

/** An error a target may throw to choose the ERROR_CODE its dead-letter record carries. */
export class TargetError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
    this.code = code;
  }
}

const errorCode = (error: unknown): string => {
  if (error instanceof TargetError) return error.code;
  return 'SDK_CLIENT_ERROR';
};

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` until it resolves or the policy is exhausted. Resolves with undefined on
 * success, or with the failure (after calling `onFailure`) when it gives up; it never rejects.
 */
export const deliverWithRetry = async (options: {
  readonly attempt: () => Promise<void>;
  readonly retryPolicy: RetryPolicy;
  readonly backoff: BackoffOptions;
  readonly onFailure: (failure: DeliveryFailure) => Promise<void> | void;
  /** Reports a dead-letter callback that itself failed; the event is then lost, as in AWS. */
  readonly onDeadLetterError?: (error: unknown) => void;
}): Promise<DeliveryFailure | undefined> => {
  const { attempt, retryPolicy, backoff } = options;
  const acceptedAt = performance.now();
  const maxAgeMs = retryPolicy.maximumEventAgeSeconds * 1000;
  let retries = 0;
  for (;;) {
    let failure: unknown;
    try {
      await attempt();
      return undefined;
    } catch (error) {
      failure = error;
    }
    const delay = Math.min(backoff.baseDelayMs * 2 ** retries, backoff.maxDelayMs);
    const exhausted: ExhaustedRetryCondition | undefined =
      retries >= retryPolicy.maximumRetryAttempts
        ? 'MaximumRetryAttempts'
        : performance.now() - acceptedAt + delay > maxAgeMs
          ? 'MaximumEventAgeInSeconds'
          : undefined;
    if (exhausted) {
      const result: DeliveryFailure = {
        errorCode: errorCode(failure),
        errorMessage: errorMessage(failure),
        exhaustedRetryCondition: exhausted,
        retryAttempts: retries,
      };
      try {
        await options.onFailure(result);
      } catch (error) {
        options.onDeadLetterError?.(error);
      }
      return result;
    }
    await sleep(delay);
    retries++;
  }
};

/** Promises still running, so that `drain()` can wait for deliveries to settle. */
export class InFlight {
  readonly #pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.#pending.size;
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.#pending.add(promise);
    const forget = () => {
      this.#pending.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Resolves once nothing is in flight, including work started while waiting. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) {
      await Promise.allSettled([...this.#pending]);
    }
  }
}

/** Races `work` against a timeout, for drains that must not hang a test or a shutdown. */
export const withTimeout = async <T>(
  work: Promise<T>,
  timeoutMs: number | undefined,
  what: string,
): Promise<T> => {
  if (timeoutMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};
