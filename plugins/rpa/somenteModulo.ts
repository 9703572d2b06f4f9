/**
 * Execuções are the module's record of what its robots and uploads did: only
 * its own code writes them (the jobs as the system user, the manual upload
 * route as its caller, who is then recorded as executado por). The
 * generated API refuses every other write, admins' included, as
 * `readOnly` would — which would refuse the module itself too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ForbiddenError } from '#core';
import type { Context, Hooks } from './generated/model.js';

const insideModule = new AsyncLocalStorage<true>();

/** Runs `work` as the module's own code: its execução writes pass the guard. */
export function comoModulo<T>(work: () => Promise<T>): Promise<T> {
  return insideModule.run(true, work);
}

const SYSTEM_USER_ID = 0;

function refuseOutside({ ctx }: { ctx: Context }): void {
  if (ctx.user.id !== SYSTEM_USER_ID && !insideModule.getStore())
    throw new ForbiddenError('Execuções são registradas pelo próprio módulo RPA (robôs e upload manual), não editadas');
}

export const execucaoHooks: Hooks<'execucao'> = { beforeCreate: refuseOutside, beforeUpdate: refuseOutside, beforeDelete: refuseOutside };
