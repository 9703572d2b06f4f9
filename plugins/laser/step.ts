/**
 * The OFs' .step files: served from LASER_STEP_DIR (default: DATA_DIR/laser-step)
 * and only from there — the OF row holds a name relative to that folder, checked
 * when written and again, with its real path, when read (core's resolveFileInside).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { NotFoundError, resolveFileInside, routeFile, unsafeNameProblem, ValidationError, type RouteFile } from '#core';
import type { Context, Hooks } from './generated/model.js';

/** The folder of the .step files. */
export function stepDir(ctx: Pick<Context, 'settings'>): string {
  return path.resolve(ctx.settings.get('STEP_DIR') ?? path.join(ctx.settings.dataDir, 'laser-step'));
}

/** The OF's .step file as a download, for whoever may read the OF. */
export async function downloadStep(ctx: Context, ordemId: number): Promise<RouteFile> {
  const ordem = await ctx.data.entity('ordem_fabricacao').get(ordemId);
  if (!ordem.arquivo_step) throw new NotFoundError(`OF ${ordem.numero} não tem arquivo .step`);
  const file = await resolveFileInside(stepDir(ctx), ordem.arquivo_step, 'arquivo_step').catch((e: unknown) => {
    // A bad name stored in the row is the data's fault, not the caller's: for them there is simply no file.
    if (e instanceof ValidationError) ctx.log.warn('OF with an unsafe .step file name', { ordem: ordem.id, problem: e.message });
    throw e instanceof ValidationError ? new NotFoundError(`OF ${ordem.numero} não tem arquivo .step`) : e;
  });
  return routeFile({ filename: path.basename(file.path), contentType: 'model/step', body: createReadStream(file.path), size: file.size });
}

function checkStepName(name: string | null | undefined): void {
  if (name === undefined || name === null || name === '') return;
  const problem = unsafeNameProblem(name);
  if (problem) throw ValidationError.field('arquivo_step', `nome de arquivo recusado (${problem}): informe o nome do arquivo relativo a LASER_STEP_DIR`);
  if (!/\.(step|stp)$/i.test(name)) throw ValidationError.field('arquivo_step', 'deve ser um arquivo .step ou .stp');
}

/** Refuses an OF whose .step name could point outside the folder. */
export const stepNameHooks: Pick<Hooks<'ordem_fabricacao'>, 'beforeCreate' | 'beforeUpdate'> = {
  beforeCreate: ({ data }) => checkStepName(data.arquivo_step),
  beforeUpdate: ({ data }) => checkStepName(data.arquivo_step),
};
