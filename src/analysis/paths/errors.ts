import { ValidationError } from '../../util/errors.js';

/**
 * A bad argument to a path algorithm (graphology's habit: check arguments first, fail with a typed error that
 * names the argument). "No path" is never an error: it is an empty result.
 */
export class InvalidPathArgumentError extends ValidationError {
  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`${argument}: ${reason}`);
  }
}
