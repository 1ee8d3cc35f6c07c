import { describe, expect, it } from 'vitest';
import { InvalidPathArgumentError } from '../../src/analysis/paths/errors.js';
import {
  ConfigError,
  InputError,
  NoDataError,
  NotFoundError,
  StoreError,
  UsageError,
  ValidationError,
} from '../../src/util/errors.js';

describe('typed errors', () => {
  it('carry their class name, stable code and message', () => {
    const cases = [
      [new UsageError('u'), 'UsageError', 'USAGE_ERROR'],
      [new ValidationError('v'), 'ValidationError', 'VALIDATION_ERROR'],
      [new ConfigError('c'), 'ConfigError', 'CONFIG_ERROR'],
      [new NotFoundError('n'), 'NotFoundError', 'NOT_FOUND'],
      [new StoreError('s'), 'StoreError', 'STORE_ERROR'],
      [new NoDataError('d'), 'NoDataError', 'NO_DATA'],
      [new InvalidPathArgumentError('maxHops', 'must be ≥ 1'), 'InvalidPathArgumentError', 'VALIDATION_ERROR'],
    ] as const;
    for (const [error, name, code] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(String(error)).toBe(`${name}: ${error.message}`);
    }
  });

  it('keep a cause, and an input error names file, position and reason', () => {
    const cause = new Error('socket closed');
    expect(new StoreError('store unavailable', { cause }).cause).toBe(cause);
    const input = new InputError({ file: 'logs.csv', line: 3, column: 7 }, 'unterminated quote');
    expect(input.name).toBe('InputError');
    expect(input.message).toBe('logs.csv:3:7: unterminated quote');
  });
});
