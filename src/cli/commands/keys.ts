import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { appendKeyRecord, generateApiKey, readKeysFile, removeKeyRecord, ROLES, type Role } from '../../config/api-keys.js';
import { DEFAULT_DATA_DIR } from '../../config/config.js';
import { KEYS_FILE_NAME } from '../../config/server.js';
import { NotFoundError } from '../../util/errors.js';
import { renderTable, toJson } from '../format.js';
import { choiceOption, formatOption } from '../options.js';
import type { CommandIo } from '../run-command.js';
import type { CommandAction } from './command-context.js';

interface KeysFileFlags {
  readonly keysFile?: string;
  readonly dataDir?: string;
}

export interface KeysCreateFlags extends KeysFileFlags {
  readonly role: Role;
  readonly label?: string;
  readonly env?: boolean;
}

function keysFileOptions(command: Command): Command {
  return command
    .option('--keys-file <file>', 'keys file (default <data-dir>/api-keys.json)')
    .option('--data-dir <dir>', 'directory of the embedded store', DEFAULT_DATA_DIR);
}

const keysFileOf = (flags: KeysFileFlags) => resolve(flags.keysFile ?? join(flags.dataDir ?? DEFAULT_DATA_DIR, KEYS_FILE_NAME));

/**
 * `apiposture keys create`: the key goes to stdout once, so it can be piped into a secret store; the hash goes
 * to the keys file (mode 0600) or, with --env, to stderr as an APIPOSTURE_API_KEYS entry.
 */
async function runKeysCreate(flags: KeysCreateFlags, io: CommandIo): Promise<void> {
  const { key, record } = generateApiKey(flags.role, flags.label);
  if (flags.env) {
    io.stderr.write(
      `APIPOSTURE_API_KEYS entry (add it, comma-separated, to the server's environment): ${record.role}:${record.sha256}\n`,
    );
  } else {
    const file = keysFileOf(flags);
    await appendKeyRecord(file, record);
    io.stderr.write(
      `API key ${record.id} (${record.role}) added to ${file}. It is shown once, below: keep it in a secret store.\n`,
    );
  }
  io.stdout.write(`${key}\n`);
}

/** `keys create|list|revoke`: list shows ids, roles and labels (never a hash); revoke removes a key by its id. */
export function registerKeysCommands(program: Command, io: CommandIo, action: CommandAction): void {
  const keys = program.command('keys').description('API keys for serve');
  keysFileOptions(keys.command('create'))
    .description('create an API key for `serve`: prints the key once, stores only its SHA-256')
    .addOption(choiceOption('--role <role>', 'what the key may do', ROLES).makeOptionMandatory())
    .option('--label <text>', 'a note on who the key is for')
    .option('--env', 'write no file: print the APIPOSTURE_API_KEYS entry (role and hash) instead')
    .action(action((flags: KeysCreateFlags) => runKeysCreate(flags, io)));

  keysFileOptions(keys.command('list'))
    .description('list the API keys in the keys file: id, role, created, label')
    .addOption(formatOption(['table', 'json'] as const))
    .action(
      action(async (flags: KeysFileFlags & { format: 'table' | 'json' }) => {
        const records = (await readKeysFile(keysFileOf(flags), true)).map(({ sha256: _hash, ...rest }) => rest);
        if (flags.format === 'json') io.stdout.write(toJson({ keys: records }));
        else if (records.length === 0) io.stdout.write(`No API keys in ${keysFileOf(flags)}.\n`);
        else io.stdout.write(`${renderTable(['ID', 'ROLE', 'CREATED', 'LABEL'], records.map((k) => [k.id, k.role, k.created ?? '', k.label ?? '']))}\n`);
      }),
    );

  keysFileOptions(keys.command('revoke'))
    .description('revoke an API key by its id (a running server reads the keys file at start: restart it)')
    .argument('<id>', 'the key id, as `keys list` shows it')
    .action(
      action(async (id: string, flags: KeysFileFlags) => {
        const file = keysFileOf(flags);
        const removed = await removeKeyRecord(file, id);
        if (!removed) throw new NotFoundError(`no API key with id "${id}" in ${file}`);
        io.stdout.write(`revoked API key ${removed.id} (${removed.role}) in ${file}\n`);
      }),
    );
}
