/**
 * Execuções: one row per attempt of a robot run (or per manual upload), with
 * who started it, what was sent, the robot's log and how it ended. The job
 * opens the row when its attempt starts and closes it on success; the
 * platform's outcome of each attempt (retrying, failed, timed out,
 * cancelled) sets the final status, since a killed attempt cannot.
 */
import { Type, type DataAccess, type JobOutcome, type Static } from '#core';
import type { Context, Entities, ExecucaoRow } from './generated/model.js';

type Data = DataAccess<Entities>;

/** Who asked for a run, carried in the job's params from the procedure that started it. */
export const INICIADOR = Type.Object(
  {
    executado_por: Type.Optional(Type.Integer({ minimum: 1 })),
    ip: Type.Optional(Type.String({ maxLength: 64 })),
    user_agent: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type Iniciador = Static<typeof INICIADOR>;

/** The signed-in user and their request (the system user, from a schedule, is nobody). */
export function iniciadorDe(ctx: Context): Iniciador {
  return {
    ...(ctx.user.id > 0 ? { executado_por: ctx.user.id } : {}),
    ...(ctx.request?.ip ? { ip: ctx.request.ip.slice(0, 64) } : {}),
    ...(ctx.request?.userAgent ? { user_agent: ctx.request.userAgent.slice(0, 500) } : {}),
  };
}

export type TipoExecucao = ExecucaoRow['tipo'];
export type StatusExecucao = NonNullable<ExecucaoRow['status']>;

export interface Tentativa {
  /** The platform run and which attempt of it this is. */
  run: number;
  attempt: number;
}

export async function abrirExecucao(
  data: Data,
  a: { processo: number; tipo: TipoExecucao; tentativa?: Tentativa; iniciador: Iniciador; parametros?: unknown; classe_rpa?: string | null },
): Promise<ExecucaoRow> {
  return data.entity('execucao').create({
    processo: a.processo,
    tipo: a.tipo,
    status: 'EXECUTANDO',
    run: a.tentativa?.run ?? null,
    tentativa: a.tentativa?.attempt ?? 1,
    inicio: new Date().toISOString(),
    parametros: a.parametros ?? null,
    classe_rpa: a.classe_rpa ?? null,
    ...a.iniciador,
  });
}

/** The robot's log lines of one attempt: streamed to the run's live log as they come, kept on the execução at the end. */
export class LogDaExecucao {
  private readonly lines: string[] = [];

  constructor(private readonly runLog: (line: string) => void) {}

  add(line: string): void {
    this.lines.push(line);
    this.runLog(line);
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

export function concluirExecucao(data: Data, id: number, resultado: unknown, log: LogDaExecucao): Promise<ExecucaoRow> {
  return data.entity('execucao').update(id, { status: 'CONCLUIDO', resultado: resultado ?? null, log: log.text, fim: new Date().toISOString() });
}

/** The attempt failed inside the job: its error and log are kept; the status waits for the platform's outcome (retry or not). */
export function registrarErro(data: Data, id: number, error: unknown, log: LogDaExecucao): Promise<ExecucaoRow> {
  return data.entity('execucao').update(id, { erro: { mensagem: mensagemDe(error) }, log: log.text, fim: new Date().toISOString() });
}

export function mensagemDe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const STATUS_DO_DESFECHO: Record<JobOutcome['status'], StatusExecucao> = {
  succeeded: 'CONCLUIDO',
  retrying: 'TENTANDO_NOVAMENTE',
  failed: 'FALHOU',
  timed_out: 'TIMEOUT',
  cancelled: 'CANCELADO',
};

const MENSAGEM_DO_DESFECHO: Record<JobOutcome['status'], string> = {
  succeeded: 'concluída',
  retrying: 'falhou; outra tentativa foi agendada',
  failed: 'falhou',
  timed_out: 'tempo esgotado: o robô não terminou a tempo',
  cancelled: 'cancelada',
};

/**
 * Writes the attempt's outcome on its execução; an attempt stopped before it
 * opened one (killed at once, cancelled while queued) gets one now, so every
 * attempt leaves a row.
 */
export async function registrarDesfecho(
  data: Data,
  a: { processo: number; tipo: TipoExecucao; tentativa: Tentativa; iniciador: Iniciador },
  desfecho: JobOutcome,
): Promise<void> {
  const { rows } = await data.entity('execucao').list({ filter: { run: a.tentativa.run, tentativa: a.tentativa.attempt }, pageSize: 1 });
  const execucao = rows[0] ?? (await abrirExecucao(data, a));
  const anteriorErro = execucao.erro as { mensagem?: string } | null;
  const status = STATUS_DO_DESFECHO[desfecho.status];
  if (execucao.status === status) return;
  const anterior = anteriorErro?.mensagem;
  const mensagem = desfecho.error ?? anterior ?? MENSAGEM_DO_DESFECHO[desfecho.status];
  const erro = desfecho.status === 'succeeded' ? {} : { erro: { mensagem, desfecho: desfecho.status } };
  await data.entity('execucao').update(execucao.id, { status, fim: execucao.fim ?? new Date().toISOString(), ...erro });
}
