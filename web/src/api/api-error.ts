// The API's error envelope, parsed once: { error: { code, message, fields?, correlationId? } }.
// Anything else (a gateway's HTML page, an empty 502, a dropped connection) becomes an ApiError too.

export type FieldError = { field: string; message: string };

export type ApiErrorCode =
  | 'ValidationFailed'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'StaleVersion'
  | 'Internal'
  | 'NetworkError'
  | 'BadResponse'
  | (string & {});

export class ApiError extends Error {
  override name = 'ApiError';
  /** HTTP status; 0 when the server was not reached. */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: readonly FieldError[];
  readonly correlationId: string | undefined;
  /** The rest of the envelope (e.g. `duplicates` of a DuplicateSuspected, `survivorId` of Merged). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    fields?: readonly FieldError[];
    correlationId?: string | undefined;
    details?: Readonly<Record<string, unknown>>;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.correlationId = init.correlationId;
    this.details = init.details ?? {};
  }

  /** The message for one form field, if the server reported one. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((entry) => entry.field === field)?.message;
  }
}

const codeForStatus = (status: number): ApiErrorCode => {
  if (status === 400 || status === 422) return 'ValidationFailed';
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'NotFound';
  if (status === 409) return 'StaleVersion';
  if (status >= 500) return 'Internal';
  return `Http${status}`;
};

const parseFields = (value: unknown): FieldError[] =>
  Array.isArray(value)
    ? value.flatMap((entry) => {
        if (typeof entry !== 'object' || entry === null) return [];
        const { field, message } = entry as Record<string, unknown>;
        return typeof field === 'string'
          ? [{ field, message: typeof message === 'string' ? message : '' }]
          : [];
      })
    : [];

/** Builds the error from a non-2xx answer. `correlationHeader` is the x-correlation-id response header. */
export const parseApiError = (
  status: number,
  bodyText: string,
  correlationHeader?: string | null,
): ApiError => {
  let body: unknown;
  try {
    body = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  const envelope =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined;
  const error =
    typeof envelope === 'object' && envelope !== null ? (envelope as Record<string, unknown>) : {};
  const correlationId =
    (typeof error.correlationId === 'string' && error.correlationId) || correlationHeader || undefined;
  return new ApiError({
    status,
    code: typeof error.code === 'string' && error.code ? error.code : codeForStatus(status),
    message: typeof error.message === 'string' && error.message ? error.message : `HTTP ${status}`,
    fields: parseFields(error.fields),
    correlationId,
    details: error,
  });
};

export const networkError = (cause: unknown): ApiError =>
  new ApiError({
    status: 0,
    code: 'NetworkError',
    message: cause instanceof Error ? cause.message : String(cause),
  });

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;
