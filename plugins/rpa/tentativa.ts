/**
 * One attempt of a robot run, what downloads and SAT uploads share: open the
 * execução, count the attempt on the processo, start the robot's job, stream
 * its log into the run's live log, then let the caller finish a completed job;
 * a failure keeps its error and log on the execução and fails the attempt
 * (the platform retries it or ends it). `desfecho` writes how the platform
 * ended each attempt.
 */
import type { JobOutcome, JobRunInfo } from '#core';
import type { Context, Job } from './generated/model.js';
import type { Alvo } from './alvo.js';
import { abrirExecucao, concluirExecucao, LogDaExecucao, registrarDesfecho, registrarErro, type Iniciador, type TipoExecucao } from './execucoes.js';
import { robotClient, type RobotClient, type RobotJob } from './robot/client.js';
import { followJob } from './robot/follow.js';
import { robotSettings } from './settings.js';

export interface Tentativa {
  ctx: Job;
  alvo: Alvo;
  tipo: TipoExecucao;
  run: JobRunInfo;
  iniciador: Iniciador;
  log(line: string): void;
  signal: AbortSignal;
  /** What the execução keeps as its input (never a password). */
  parametros: unknown;
  /** The processo's counter of attempts of this kind. */
  contador: 'tentativas_download' | 'tentativas_upload';
  /** Starts the robot's job; its id. */
  iniciar(robot: RobotClient): Promise<string>;
  /** After the robot's job completed: stores what it produced; answers the run's summary line. */
  concluir(job: RobotJob, linhas: LogDaExecucao): Promise<string>;
}

/**
 * A robot job's defaults: three attempts, 10 s then 20 s apart (with jitter),
 * 15 minutes each; every start passes the module's settings instead (settings.ts).
 */
export const ROBOT_JOB_LIMITS = {
  timeoutSeconds: 900,
  maxAttempts: 3,
  backoff: { delayMs: 10_000, factor: 2, maxDelayMs: 600_000 },
} as const;

export async function tentarNoRobo(t: Tentativa): Promise<string> {
  const { ctx, alvo, run } = t;
  const tentativa = { run: run.id, attempt: run.attempt };
  const execucao = await abrirExecucao(ctx.data, {
    processo: alvo.processo.id,
    tipo: t.tipo,
    tentativa,
    iniciador: t.iniciador,
    parametros: t.parametros,
    classe_rpa: alvo.operadora.classe_rpa,
  });
  await ctx.data.entity('processo').update(alvo.processo.id, { [t.contador]: (alvo.processo[t.contador] ?? 0) + 1 });
  const linhas = new LogDaExecucao(t.log);
  try {
    const robot = robotClient(ctx.integration('robot'));
    const jobId = await t.iniciar(robot);
    await ctx.data.entity('execucao').update(execucao.id, { job_id: jobId });
    linhas.add(`Job ${jobId} iniciado no robô (tentativa ${run.attempt} de ${run.maxAttempts})`);
    const { pollMs } = robotSettings(ctx.settings);
    const job = await followJob(robot, jobId, { pollMs, signal: t.signal, onLog: (line) => linhas.add(`[${line.level}] ${line.message}`) });
    if (job.status === 'failed') throw new Error(`O robô falhou: ${job.error ?? 'sem detalhes'}`);
    const resumo = await t.concluir(job, linhas);
    await concluirExecucao(ctx.data, execucao.id, job.result, linhas);
    return resumo;
  } catch (error) {
    await registrarErro(ctx.data, execucao.id, error, linhas);
    throw error;
  }
}

/** A record job's onOutcome for robot runs of `tipo`. */
export function desfecho(tipo: TipoExecucao) {
  return async ({ ctx, run, params, outcome }: { ctx: Context; run: JobRunInfo; params: Iniciador; outcome: JobOutcome }): Promise<void> => {
    if (!run.record) return;
    await registrarDesfecho(ctx.data, { processo: run.record.id, tipo, tentativa: { run: run.id, attempt: run.attempt }, iniciador: params }, outcome);
  };
}
