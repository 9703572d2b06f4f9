/**
 * Nightly backup of the SGP database (the old system's scripts/backup_database.py):
 * SQLite's online backup or a consistent MariaDB/MySQL dump, so it runs while
 * pedidos are being saved, into a folder inside DATA_DIR, keeping the newest
 * `retencao` copies. The server takes the copy (`ctx.database.backup`); the job's
 * thread holds no database handle. Restore with `npm run db:restore`.
 */
import { Type } from '#core';
import { defineJob } from '../generated/model.js';

const backupParams = Type.Object(
  {
    /** Folder inside DATA_DIR. */
    pasta: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    /** How many backups to keep, the new one included. */
    retencao: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { additionalProperties: false },
);

export const backupJob = defineJob({
  label: 'Backup do banco de dados',
  params: backupParams,
  async run({ ctx, params, log, progress }) {
    if (ctx.data.dialect === 'oracle') throw new Error('O backup cobre SQLite e MariaDB/MySQL; com Oracle use as ferramentas do próprio servidor.');
    progress(0, 'copiando o banco');
    const result = await ctx.database.backup({ folder: params.pasta ?? 'backups', retention: params.retencao ?? 14 });
    log(`backup ${result.file} (${result.bytes} bytes)`);
    for (const removed of result.removed) log(`removido pela retenção: ${removed}`);
    progress(1);
    return `backup concluído: ${result.file}`;
  },
});
