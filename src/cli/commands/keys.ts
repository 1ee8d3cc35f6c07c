import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { appendKeyRecord, generateApiKey, ROLES, type Role } from '../../config/api-keys.js';
import { DEFAULT_DATA_DIR } from '../../config/config.js';
import { KEYS_FILE_NAME } from '../../config/server.js';
import type { CommandIo } from '../run-command.js';

export interface KeysCreateFlags {
  readonly role: Role;
  readonly label?: string;
  readonly keysFile?: string;
  readonly dataDir?: string;
  readonly env?: boolean;
}

export function keysCreateOptions(command: Command): Command {
  return command
    .description('create an API key for `serve`: prints the key once, stores only its SHA-256')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
    .option('--label <text>', 'a note on who the key is for')
    .option('--keys-file <file>', 'keys file to add the hash to (default <data-dir>/api-keys.json)')
    .option('--data-dir <dir>', 'directory of the embedded store', DEFAULT_DATA_DIR)
    .option('--env', 'write no file: print the APIPOSTURE_API_KEYS entry (role and hash) instead');
}

/**
 * `apiposture keys create`: the key goes to stdout once, so it can be piped into a secret store; the hash goes
 * to the keys file (mode 0600) or, with --env, to stderr as an APIPOSTURE_API_KEYS entry.
 */
export async function runKeysCreate(flags: KeysCreateFlags, io: CommandIo): Promise<void> {
  const { key, record } = generateApiKey(flags.role, flags.label);
  if (flags.env) {
    io.stderr.write(
      `APIPOSTURE_API_KEYS entry (add it, comma-separated, to the server's environment): ${record.role}:${record.sha256}\n`,
    );
  } else {
    const file = resolve(flags.keysFile ?? join(flags.dataDir ?? DEFAULT_DATA_DIR, KEYS_FILE_NAME));
    await appendKeyRecord(file, record);
    io.stderr.write(
      `API key ${record.id} (${record.role}) added to ${file}. It is shown once, below: keep it in a secret store.\n`,
    );
  }
  io.stdout.write(`${key}\n`);
}
