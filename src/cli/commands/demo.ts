import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../util/errors.js';

/** The example estate shipped with apiposture (examples/contoso), found relative to the installed package. */
export function exampleEstateDir(): string {
  const dir = fileURLToPath(new URL('../../../examples/contoso', import.meta.url));
  if (!existsSync(dir)) throw new ConfigError(`the example estate is missing at ${dir}`);
  return dir;
}
