/**
 * Runs MariaDB's (or MySQL's) own client programs — mariadb-dump/mysqldump
 * and mariadb/mysql — for dumps and their loading, which they do faithfully
 * for every column type. Credentials never appear in a process's arguments
 * (visible to every user in `ps`) or its environment (inherited by whatever
 * it starts): they go into an options file
 * readable by the owner only, in a private folder, removed right after.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import { OWNER_ONLY } from '../ownerOnlyFile.js';
import type { ServerDatabase } from './serverDatabase.js';

/** Which programs can do a job, the preferred first, and what for (said when none is found). */
export interface ClientProgram {
  names: readonly string[];
  purpose: string;
}

export const DUMP_PROGRAM: ClientProgram = { names: ['mariadb-dump', 'mysqldump'], purpose: 'to back up a MariaDB/MySQL database' };
export const CLIENT_PROGRAM: ClientProgram = { names: ['mariadb', 'mysql'], purpose: 'to restore a MariaDB/MySQL database' };

/** The first of `program.names` on PATH, as an absolute path; a message naming what to install otherwise. */
export async function findProgram(program: ClientProgram, searchPath = process.env.PATH ?? ''): Promise<string> {
  for (const name of program.names) {
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      if (
        await access(candidate, constants.X_OK).then(
          () => true,
          () => false,
        )
      )
        return candidate;
    }
  }
  const [preferred, alternative] = program.names;
  throw new NotFoundError(
    `${preferred} (or ${alternative}) is needed ${program.purpose} and was not found on PATH: ` +
      'install the MariaDB client programs (Debian/Ubuntu: apt-get install mariadb-client; ' +
      'Fedora/RHEL: dnf install mariadb; macOS: brew install mariadb) or the MySQL ones (mysql-client), then run the command again',
  );
}

export interface ClientRun {
  /** Arguments after the options file, e.g. ['--single-transaction', 'forja']. */
  args: string[];
  /** A file read as the program's input. */
  stdinFile?: string;
  /** A file the program's output is written into (it must exist; it is not truncated or re-created). */
  stdoutFile?: string;
}

/** How much of a failing program's error output a message quotes. */
const MAX_ERROR_CHARS = 600;

/** Runs `program` against the server of `db`; rejects with its (password-free) error output when it fails. */
export async function runClient(program: string, db: ServerDatabase, run: ClientRun): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-client-'));
  try {
    const optionsFile = path.join(dir, 'client.cnf');
    await writeFile(optionsFile, optionsFileText(db), { mode: OWNER_ONLY, flag: 'wx' });
    // The options file must be the very first argument, or the programs ignore it.
    await spawnClient(program, [`--defaults-extra-file=${optionsFile}`, ...run.args], run, db.password);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function spawnClient(program: string, args: string[], run: ClientRun, password: string): Promise<void> {
  const input = run.stdinFile ? await open(run.stdinFile, 'r') : undefined;
  const output = run.stdoutFile ? await open(run.stdoutFile, 'r+') : undefined;
  try {
    const child = spawn(program, args, { env: clientEnvironment(), stdio: [input?.fd ?? 'ignore', output?.fd ?? 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < MAX_ERROR_CHARS * 4) stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(redact(stderr.trim(), password).slice(0, MAX_ERROR_CHARS) || `${path.basename(program)} exited with code ${code}`);
  } finally {
    await input?.close();
    await output?.close();
  }
}

/**
 * Only what the programs need to run and find their own configuration: not
 * DATABASE_URL and the like, which carry passwords, nor MYSQL_PWD/MYSQL_HOST,
 * which would be read besides the options file.
 */
function clientEnvironment(): NodeJS.ProcessEnv {
  const kept = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'LC_ALL', 'LC_CTYPE'];
  return Object.fromEntries(kept.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
}

/**
 * `[client]` options: read by mariadb-dump, mysqldump, mariadb and mysql
 * alike. Values are double-quoted, so `#`, `;` and spaces stay part of them.
 */
function optionsFileText(db: ServerDatabase): string {
  const value = (field: string, v: string) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a line break would end the option early and start another.
    if (/[\u0000-\u001f\u007f]/.test(v)) throw ValidationError.field('DATABASE_URL', `its ${field} must not contain control characters`);
    return `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  };
  // TCP always, as the platform's driver connects: for "localhost" the programs would otherwise take the local socket.
  return [
    '[client]',
    'protocol=TCP',
    `host=${value('host', db.host)}`,
    `port=${db.port}`,
    `user=${value('user', db.user)}`,
    `password=${value('password', db.password)}`,
    '',
  ].join('\n');
}

function redact(text: string, password: string): string {
  return password ? text.replaceAll(password, '***') : text;
}
