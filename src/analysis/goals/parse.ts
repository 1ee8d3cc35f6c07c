import { assertNever } from '../../model/index.js';
import { ConfigDocument, readConfigFile } from '../../util/config-document.js';
import { Fields } from './fields.js';
import { DEFAULT_ENCRYPTION_KINDS, GOAL_TYPES, type Goal, type GoalPolicy, type GoalType } from './types.js';

const COMMON_KEYS = ['id', 'type', 'description', 'weight', 'enforce', 'scope'];

const TYPE_KEYS: Readonly<Record<GoalType, readonly string[]>> = {
  'max-attack-paths': ['level', 'orAbove', 'max'],
  'no-exposed-sensitive-data': ['minLabel', 'anonymousOnly'],
  'max-dormant-endpoints': ['max', 'maxShare'],
  'encrypted-only': ['kinds'],
};

function goalType(f: Fields): GoalType {
  const type = f.requiredString('type');
  if (!(GOAL_TYPES as readonly string[]).includes(type)) f.fail('type', `must be one of ${GOAL_TYPES.join(', ')}`);
  return type as GoalType;
}

function minLabel(f: Fields): string | number | undefined {
  const v = f.value['minLabel'];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return f.number('minLabel', 0);
  return f.string('minLabel');
}

function readGoal(source: ConfigDocument, value: unknown, index: number): Goal {
  const f = Fields.of(source, ['goals', index], value, 'a goal');
  const type = goalType(f);
  f.allow([...COMMON_KEYS, ...TYPE_KEYS[type]]);
  const description = f.string('description');
  const scope = f.scope('scope');
  const base = {
    id: f.requiredString('id'),
    ...(description ? { description } : {}),
    weight: f.number('weight', 0) ?? 1,
    enforce: f.boolean('enforce', true),
    ...(scope ? { scope } : {}),
    position: source.position(['goals', index]),
  };
  switch (type) {
    case 'max-attack-paths':
      return {
        ...base,
        type,
        level: f.riskLevel('level'),
        orAbove: f.boolean('orAbove', false),
        max: f.integer('max', 0) ?? f.fail('max', 'is required'),
      };
    case 'no-exposed-sensitive-data': {
      const label = minLabel(f);
      return {
        ...base,
        type,
        anonymousOnly: f.boolean('anonymousOnly', true),
        ...(label !== undefined ? { minLabel: label } : {}),
      };
    }
    case 'max-dormant-endpoints': {
      const max = f.integer('max', 0);
      const maxShare = f.number('maxShare', 0, 1);
      if (max === undefined && maxShare === undefined) f.fail('max', 'give max (a count) or maxShare (0–1), or both');
      return { ...base, type, ...(max !== undefined ? { max } : {}), ...(maxShare !== undefined ? { maxShare } : {}) };
    }
    case 'encrypted-only':
      return { ...base, type, kinds: f.kinds('kinds') ?? [...DEFAULT_ENCRYPTION_KINDS] };
    default:
      return assertNever(type, 'goal type');
  }
}

/**
 * Parses a posture goals policy (see examples/goals.yaml). Every mistake fails with the file, the line and
 * column, and the reason: unknown keys, wrong types, duplicate goal ids, unknown goal types or risk levels.
 */
export function parsePolicy(text: string, file: string): GoalPolicy {
  const source = ConfigDocument.parse(text, file);
  const top = Fields.of(source, [], source.value, 'the policy');
  top.allow(['version', 'scope', 'goals']);
  const version = top.value['version'];
  if (version !== undefined && version !== 1) top.fail('version', 'must be 1');
  const list = top.value['goals'];
  if (!Array.isArray(list) || list.length === 0) throw source.error(['goals'], 'must be a non-empty list of goals');
  const goals = list.map((g, i) => readGoal(source, g, i));
  const seen = new Set<string>();
  goals.forEach((g, i) => {
    if (seen.has(g.id)) throw source.error(['goals', i, 'id'], `duplicate goal id "${g.id}"`);
    seen.add(g.id);
  });
  const scope = top.scope('scope');
  return { file, version: 1, ...(scope ? { scope } : {}), goals };
}

/** Reads and parses a policy file. */
export async function loadPolicy(file: string): Promise<GoalPolicy> {
  return parsePolicy(await readConfigFile(file, 'the goals policy'), file);
}
