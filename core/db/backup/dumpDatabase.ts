/**
 * A backup of a MariaDB/MySQL database while the platform keeps writing:
 * mariadb-dump (or mysqldump) in one consistent snapshot, written into the
 * same kind of hidden owner-only temporary file as SQLite's copies, checked
 * to be a complete dump, then named and counted by the same retention rules.
 */
import { ValidationError } from '../../errors/index.js';
import { writeBackupFile, type BackupResult, type BackupTarget } from './backupFolder.js';
import { DUMP_PROGRAM, findProgram, runClient } from './mariadbClient.js';
import { describe, type ServerDatabase } from './serverDatabase.js';
import { verifyDump } from './verifyDump.js';

export interface DumpOptions extends BackupTarget {
  server: ServerDatabase;
}

/**
 * --single-transaction: every table read in one REPEATABLE READ snapshot
 * (Forja's tables are InnoDB), without locking out the writers.
 * --routines/--triggers: the database's own code, if anyone added some.
 * --hex-blob: binary columns as hex literals, immune to any character set.
 * --default-character-set=utf8mb4: text is read and written back as utf8mb4
 * whatever the server's default is (often latin1), so emoji survive.
 * --skip-add-locks/--no-tablespaces: loading and dumping need no LOCK
 * TABLES or PROCESS privilege. --skip-dump-date: the completion marker is the
 * same line in every dump.
 */
const DUMP_ARGS = [
  '--single-transaction',
  '--quick',
  '--routines',
  '--triggers',
  '--hex-blob',
  '--default-character-set=utf8mb4',
  '--skip-add-locks',
  '--no-tablespaces',
  '--skip-dump-date',
];

export async function dumpDatabase(o: DumpOptions): Promise<BackupResult> {
  const program = await findProgram(DUMP_PROGRAM);
  if (!o.server.database) throw ValidationError.field('DATABASE_URL', 'names no database, e.g. mysql://user:password@host:3306/forja');
  return writeBackupFile(o, 'sql', async (temp) => {
    await runClient(program, o.server, { args: [...DUMP_ARGS, '--', o.server.database], stdoutFile: temp }).catch((e: Error) => {
      throw ValidationError.field('DATABASE_URL', `could not dump ${describe(o.server)}: ${e.message}`);
    });
    await verifyDump(temp, { field: 'DATABASE_URL', copiedFrom: `the dump of ${describe(o.server)}`, requireForjaSchema: false });
  });
}
