/**
 * Apontamentos, pausas and lotes are written by this module's procedures
 * only (their rules — one open apontamento, pauses excluded, all-or-nothing
 * batches — live there); the generated API would let a terminal account
 * write any time it likes. The procedures act as their caller, so audit
 * names who did it; these hooks refuse the same writes from anywhere else.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ForbiddenError, type SessionUser } from '#core';
import type { Hooks } from './generated/model.js';
import { stepNameHooks } from './step.js';

const insideProcedure = new AsyncLocalStorage<true>();

/** Runs `work` as the module's own code: its writes pass the guard. */
export function asLaserProcedure<T>(work: () => Promise<T>): Promise<T> {
  return insideProcedure.run(true, work);
}

function refuseOutside(label: string): void {
  if (!insideProcedure.getStore())
    throw new ForbiddenError(`Só os procedimentos do laser (iniciar, pausar, finalizar, confirmar_lote, …) gravam ${label.toLowerCase()}`);
}

function procedureOnly(label: string) {
  const refuse = () => refuseOutside(label);
  return { beforeCreate: refuse, beforeUpdate: refuse, beforeDelete: refuse };
}

const SUPERVISES = ['admin', 'supervisor'];
const supervises = (user: SessionUser) => user.roles.some((r) => SUPERVISES.includes(r));

/** Operators move an OF's status by starting and finishing it; editing the OF itself is the supervisor's. */
const ordemHooks: Hooks<'ordem_fabricacao'> = {
  beforeCreate: stepNameHooks.beforeCreate,
  beforeUpdate(args) {
    if (!supervises(args.ctx.user)) refuseOutside('Ordens de fabricação (for operators)');
    return stepNameHooks.beforeUpdate?.(args);
  },
};

export const laserHooks = {
  apontamento: procedureOnly('Apontamentos') as Hooks<'apontamento'>,
  pausa: procedureOnly('Pausas') as Hooks<'pausa'>,
  lote: procedureOnly('Lotes') as Hooks<'lote'>,
  ordem_fabricacao: ordemHooks,
};
