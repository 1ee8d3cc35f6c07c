/**
 * Typed errors with stable codes. The edges of the program (CLI, GraphQL) map codes to exit codes and
 * `extensions.code`; nothing matches on message text.
 */
export type ErrorCode =
  | 'USAGE_ERROR'
  | 'INPUT_ERROR'
  | 'VALIDATION_ERROR'
  | 'CONFIG_ERROR'
  | 'NOT_FOUND'
  | 'STORE_ERROR'
  | 'AZURE_ERROR'
  | 'NO_DATA'
  | 'QUERY_TIMEOUT';

export abstract class ApiPostureError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // Each error carries its class's name (UsageError, StoreError, …), as stack traces and logs show it.
    this.name = new.target.name;
  }
}

/** Where in an input file a problem sits. `line`/`column` are 1-based; `index` is a row's position in its file. */
export interface InputPosition {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly index?: number;
}

export function formatPosition(position: InputPosition): string {
  let text = position.file;
  if (position.line !== undefined) text += `:${position.line}${position.column !== undefined ? `:${position.column}` : ''}`;
  if (position.index !== undefined) text += ` (row ${position.index})`;
  return text;
}

/** Malformed input: names the file, the position and the reason. */
export class InputError extends ApiPostureError {
  readonly code = 'INPUT_ERROR';
  constructor(
    readonly position: InputPosition,
    readonly reason: string,
  ) {
    super(`${formatPosition(position)}: ${reason}`);
  }
}

/** A command line the program cannot act on: an unknown option, a bad option value, a missing argument. */
export class UsageError extends ApiPostureError {
  readonly code = 'USAGE_ERROR';
}

/** A node or edge that does not fit the graph model. */
export class ValidationError extends ApiPostureError {
  readonly code = 'VALIDATION_ERROR';
}

export class ConfigError extends ApiPostureError {
  readonly code = 'CONFIG_ERROR';
}

export class NotFoundError extends ApiPostureError {
  readonly code = 'NOT_FOUND';
}

export class StoreError extends ApiPostureError {
  readonly code = 'STORE_ERROR';
}

/**
 * Nothing to answer from: the store does not exist, holds no graph, or its graph was never analysed or changed since
 * its last analysis; or an ingest input held no resource row. Never answered with an empty "all clear".
 */
export class NoDataError extends ApiPostureError {
  readonly code = 'NO_DATA';
}
