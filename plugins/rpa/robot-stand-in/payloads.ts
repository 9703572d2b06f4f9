/**
 * The bodies the robot API accepts, checked the way the real service's models
 * do: a missing or malformed field is refused (422) naming the field.
 */
import type { DownloadPayload, SatPayload } from '../robot/client.js';

/** The wire contract is one: the stand-in answers the bodies the module's client sends. */
export type { DownloadPayload, SatPayload };

export interface FieldProblem {
  campo: string;
  mensagem: string;
}

type Check = (value: unknown) => string | undefined;

const text: Check = (v) => (typeof v === 'string' ? undefined : 'deve ser um texto');
const filled: Check = (v) => text(v) ?? ((v as string).trim() === '' ? 'não pode ser vazio' : undefined);
const cnpj: Check = (v) => text(v) ?? (/^\d{14}$/.test(v as string) ? undefined : 'deve ter 14 dígitos, sem pontuação');
const mesAno: Check = (v) => text(v) ?? (/^(0[1-9]|1[0-2])\/\d{4}$/.test(v as string) ? undefined : 'deve estar no formato MM/AAAA');
const optionalText: Check = (v) => (v === undefined || v === null ? undefined : text(v));
/** The SAT takes the due date as the API hands it out (YYYY-MM-DD) or as people write it (DD/MM/AAAA). */
const date: Check = (v) => text(v) ?? (/^\d{4}-\d{2}-\d{2}$|^\d{2}\/\d{2}\/\d{4}$/.test(v as string) ? undefined : 'deve ser uma data AAAA-MM-DD');
const pdfName: Check = (v) => filled(v) ?? (/\.pdf$/i.test(v as string) ? undefined : 'deve ser o nome de um arquivo .pdf');

const DOWNLOAD: Record<keyof DownloadPayload, Check> = {
  cnpj,
  login: filled,
  senha: filled,
  cpf: optionalText,
  mes_ano: mesAno,
  unidade: text,
  servico: text,
  filtro: text,
};

const SAT: Record<keyof SatPayload, Check> = {
  cnpj,
  razao: filled,
  operadora: filled,
  nome_filtro: text,
  unidade: text,
  servico: text,
  dados_sat: filled,
  nome_arquivo: pdfName,
  data_vencimento: date,
};

export type Checked<T> = { ok: true; payload: T } | { ok: false; problems: FieldProblem[] };

export const checkDownloadPayload = (body: unknown): Checked<DownloadPayload> => check(body, DOWNLOAD);
export const checkSatPayload = (body: unknown): Checked<SatPayload> => check(body, SAT);

function check<T>(body: unknown, checks: Record<keyof T, Check>): Checked<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problems: [{ campo: '(corpo)', mensagem: 'deve ser um objeto JSON' }] };
  const record = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const [campo, checkField] of Object.entries<Check>(checks)) {
    const mensagem = record[campo] === undefined && checkField !== optionalText ? 'é obrigatório' : checkField(record[campo]);
    if (mensagem) problems.push({ campo, mensagem });
  }
  return problems.length ? { ok: false, problems } : { ok: true, payload: body as T };
}
