/**
 * The robot API's client (CONTRACTS.md §7), on the platform's outbound
 * integration `robot` (RPA_ROBOT_URL, RPA_ROBOT_TOKEN): start a download per
 * operadora or a SAT upload, read a job's status and its log lines, and
 * stream a finished download's invoice.
 */
import type { Integration, IntegrationDownload } from '#core';

export type RobotJobState = 'queued' | 'running' | 'completed' | 'failed';

export interface RobotJob {
  job_id: string;
  status: RobotJobState;
  result?: Record<string, unknown>;
  error?: string;
}

/** What a completed download answers in `result`. */
export interface DownloadResult {
  arquivo: string;
  nome_arquivo: string;
  data_vencimento: string;
  valor: string;
}

export interface RobotLogLine {
  seq: number;
  timestamp: string;
  level: 'INFO' | 'WARNING' | 'ERROR';
  message: string;
}

/** The body of `POST /executar/{operadora}`. */
export interface DownloadPayload {
  cnpj: string;
  login: string;
  senha: string;
  cpf?: string;
  mes_ano: string;
  unidade: string;
  servico: string;
  filtro: string;
}

/** The body of `POST /executar/sat`, as the seed's AutomacaoPayloadSat. */
export interface SatPayload {
  cnpj: string;
  razao: string;
  operadora: string;
  nome_filtro: string;
  unidade: string;
  servico: string;
  dados_sat: string;
  nome_arquivo: string;
  data_vencimento: string;
}

export interface RobotClient {
  executarDownload(operadora: string, payload: DownloadPayload, signal?: AbortSignal): Promise<string>;
  executarSat(payload: SatPayload, signal?: AbortSignal): Promise<string>;
  job(jobId: string, signal?: AbortSignal): Promise<RobotJob>;
  logs(jobId: string, desde: number, signal?: AbortSignal): Promise<{ logs: RobotLogLine[]; proximo: number }>;
  /** The invoice of a completed download (`result.arquivo`), streamed. */
  arquivo(path: string, signal?: AbortSignal): Promise<IntegrationDownload>;
}

const job = (id: string) => `/jobs/${encodeURIComponent(id)}`;

export function robotClient(http: Integration): RobotClient {
  // Starting a job is not repeated on a failure: a repeat could start a second robot.
  const start = async (path: string, body: object, signal?: AbortSignal) => (await http.json<{ job_id: string }>('POST', path, { body, signal })).job_id;
  return {
    executarDownload: (operadora, payload, signal) => start(`/executar/${encodeURIComponent(operadora.toLowerCase())}`, payload, signal),
    executarSat: (payload, signal) => start('/executar/sat', payload, signal),
    job: (jobId, signal) => http.json<RobotJob>('GET', job(jobId), { signal }),
    logs: (jobId, desde, signal) => http.json('GET', `${job(jobId)}/logs`, { query: { desde }, signal }),
    arquivo: (path, signal) => http.download(path, { signal }),
  };
}
