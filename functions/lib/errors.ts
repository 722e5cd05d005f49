// Typed domain errors. Domain code throws these; the HTTP middleware maps each to its status
// (400/401/403/404/409) with details, and anything else to a 500 that shows only a
// correlation id (see http.ts).

export type FieldError = { readonly field: string; readonly message: string };

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Extra, safe-to-show details for the response body. */
  details(): Record<string, unknown> {
    return {};
  }
}

export class ValidationFailed extends DomainError {
  readonly status = 400;
  readonly code = 'ValidationFailed';
  readonly fields: readonly FieldError[];
  constructor(fields: readonly FieldError[], message = 'The request has invalid fields.') {
    super(message);
    this.fields = fields;
  }
  override details() {
    return { fields: this.fields };
  }
}

export class MalformedRequest extends DomainError {
  readonly status = 400;
  readonly code = 'MalformedRequest';
}

export class Unauthorized extends DomainError {
  readonly status = 401;
  readonly code = 'Unauthorized';
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly code = 'Forbidden';
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly code = 'NotFound';
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found.`);
  }
}

/** An update carried a version that is no longer current: someone else changed the item. */
export class StaleVersion extends DomainError {
  readonly status = 409;
  readonly code = 'StaleVersion';
  readonly currentVersion: number | undefined;
  constructor(entity: string, id: string, currentVersion: number | undefined) {
    super(`${entity} ${id} was changed by someone else; reload it and try again.`);
    this.currentVersion = currentVersion;
  }
  override details() {
    return this.currentVersion === undefined ? {} : { currentVersion: this.currentVersion };
  }
}

export class Conflict extends DomainError {
  readonly status = 409;
  readonly code = 'Conflict';
}

/** A pipeline's stage cannot go while it holds open deals: which stages, how many each. */
export class StageInUse extends DomainError {
  readonly status = 409;
  readonly code = 'StageInUse';
  readonly pipeline: string;
  readonly stages: readonly { id: string; name: string; count: number }[];
  constructor(pipeline: string, stages: readonly { id: string; name: string; count: number }[]) {
    super(
      `Stage ${stages.map((s) => `«${s.name}» still holds ${s.count} open deal${s.count === 1 ? '' : 's'}`).join('; ')} in pipeline «${pipeline}». Move or close them first.`,
    );
    this.pipeline = pipeline;
    this.stages = stages;
  }
  override details() {
    return { pipeline: this.pipeline, stages: this.stages };
  }
}

/** A new company or contact looks like one that exists; the caller may insist (`allowDuplicate`). */
export type SuspectedDuplicate = {
  readonly id: string;
  readonly name: string;
  readonly reason: 'inn' | 'email' | 'phone' | 'name';
  readonly value: string;
};

export class DuplicateSuspected extends DomainError {
  readonly status = 409;
  readonly code = 'DuplicateSuspected';
  readonly duplicates: readonly SuspectedDuplicate[];
  constructor(duplicates: readonly SuspectedDuplicate[]) {
    super('This looks like a record that already exists. Send "allowDuplicate": true to create it anyway.');
    this.duplicates = duplicates;
  }
  override details() {
    return { duplicates: this.duplicates };
  }
}

/** The record was merged into another one: 410 with where it went, so the web app can redirect. */
export class Merged extends DomainError {
  readonly status = 410;
  readonly code = 'Merged';
  readonly survivorId: string;
  constructor(entity: string, id: string, survivorId: string) {
    super(`${entity} ${id} was merged into ${survivorId}.`);
    this.survivorId = survivorId;
  }
  override details() {
    return { survivorId: this.survivorId };
  }
}
