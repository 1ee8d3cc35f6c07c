import { describe, expect, it } from 'vitest';
import { loadClassifierConfig } from '../../src/classify/index.js';
import { loadPolicy } from '../../src/analysis/goals/index.js';
import { loadRiskModel, parseRiskModel } from '../../src/analysis/risk/index.js';
import { ConfigDocument } from '../../src/util/config-document.js';
import { InputError } from '../../src/util/errors.js';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('config documents (risk model, goals policy, classifier config)', () => {
  const text = 'labels:\n  - name: Secret\n    priority: 4\n';

  it('names the value a reason is about in either path notation, at its line and column', () => {
    const dotted = ConfigDocument.parse(text, 'c.yaml').error(['labels', 0, 'priority'], 'too low');
    expect(dotted.message).toBe('c.yaml:3:15: labels.0.priority: too low');
    const indexed = ConfigDocument.parse(text, 'c.yaml', 'indexed').error(['labels', 0, 'priority'], 'too low');
    expect(indexed.message).toBe('c.yaml:3:15: labels[0].priority: too low');
    expect(ConfigDocument.parse(text, 'c.yaml').error([], 'bad').message).toBe('c.yaml:1:1: bad');
    expect(ConfigDocument.parse(text, 'c.yaml', 'indexed').error([], 'bad').message).toBe('c.yaml:1:1: config: bad');
  });

  it('points at a key, or at the nearest value that exists when the path runs past the document', () => {
    const doc = ConfigDocument.parse(text, 'c.yaml');
    expect(doc.position(['labels', 0, 'priority'], 'key')).toEqual({ file: 'c.yaml', line: 3, column: 5 });
    expect(doc.position(['labels', 0, 'missing', 2])).toEqual({ file: 'c.yaml', line: 2, column: 5 });
  });

  it('holds every .json config to strict JSON, with the position of the error', () => {
    const error = thrown(() => parseRiskModel('{\n  "scale": 10,\n}\n', 'risk.json'));
    expect(error.reason).toMatch(/^invalid JSON/);
    expect(error.position).toMatchObject({ file: 'risk.json', line: 3 });
    // The same text is valid YAML: only the file's name makes it JSON.
    expect(parseRiskModel('{\n  "scale": 10,\n}\n', 'risk.yaml').weights.scale).toBe(10);
  });

  it('refuses a file it cannot read with the same kind of error for every config', async () => {
    const missing = '/nonexistent/apiposture-config.yaml';
    await expect(loadRiskModel(missing)).rejects.toThrow(/cannot read the risk model file: ENOENT/);
    await expect(loadPolicy(missing)).rejects.toThrow(/cannot read the goals policy: ENOENT/);
    await expect(loadClassifierConfig(missing)).rejects.toThrow(/cannot read the classifier config: ENOENT/);
    await expect(loadClassifierConfig(missing)).rejects.toBeInstanceOf(InputError);
  });
});
