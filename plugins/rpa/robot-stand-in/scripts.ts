/**
 * What each robot job says and how it ends, line by line, as the company's
 * robots do: the operadora's code picks the behaviour, so tests and the demo
 * choose it through data (FALHA fails, TRAVA hangs, INSTAVEL is flaky).
 */
import { createHash } from 'node:crypto';
import { formatDate, formatMoney, invoicePdf } from './invoicePdf.js';
import type { DownloadPayload, SatPayload } from './payloads.js';

export type LogLevel = 'INFO' | 'WARNING' | 'ERROR';

export interface ScriptLine {
  level: LogLevel;
  message: string;
}

export interface DownloadResult {
  arquivo: string;
  nome_arquivo: string;
  data_vencimento: string;
  valor: string;
}

export interface SatResult {
  protocolo: string;
  nome_arquivo: string;
}

/** How a job ends once its lines are said. */
export type ScriptEnd =
  | { kind: 'completed'; result: DownloadResult | SatResult; pdf?: Buffer }
  | { kind: 'failed'; error: string }
  /** The portal never answers: the job stays `running` and says nothing more. */
  | { kind: 'hangs' };

export interface Script {
  lines: ScriptLine[];
  end: () => Promise<ScriptEnd>;
}

/** Portals the stand-in knows (codes in lower case, as in `/executar/{operadora}`); the last three pick a behaviour. */
export const OPERADORAS = ['oi', 'vivo', 'embratel', 'digitalnet', 'claro', 'tim', 'falha', 'trava', 'instavel'] as const;

/** The flaky portal: the first call about each of its jobs answers 503. */
export const isUnstable = (operadora: string): boolean => operadora.toUpperCase() === 'INSTAVEL';

const info = (message: string): ScriptLine => ({ level: 'INFO', message });
const warning = (message: string): ScriptLine => ({ level: 'WARNING', message });

export function downloadScript(jobId: string, operadora: string, p: DownloadPayload): Script {
  const code = operadora.toUpperCase();
  const opening = [
    info(`Iniciando robô RPA_${code} para o CNPJ ${p.cnpj}`),
    info(`Acessando portal da operadora ${code}…`),
    info(`Preenchendo credenciais do usuário ${p.login}${p.cpf ? ` (CPF ${p.cpf})` : ''}`),
  ];
  if (code === 'FALHA') {
    return {
      lines: [
        ...opening,
        warning('Portal demorou a responder, tentando novamente…'),
        { level: 'ERROR', message: 'Falha no login: usuário ou senha inválidos' },
      ],
      end: async () => ({ kind: 'failed', error: 'Falha no login no portal da operadora FALHA: usuário ou senha inválidos' }),
    };
  }
  if (code === 'TRAVA')
    return { lines: [...opening, info('Login realizado'), warning('Aguardando carregamento da página de faturas…')], end: async () => ({ kind: 'hangs' }) };
  const invoice = invoiceOf(code, p);
  const nomeArquivo = `fatura_${operadora.toLowerCase()}_${p.cnpj}_${p.mes_ano.replace('/', '-')}.pdf`;
  return {
    lines: [
      ...opening,
      info('Login realizado'),
      info(`Selecionando unidade ${p.unidade || '(todas)'} e serviço ${p.servico || '(todos)'}`),
      ...(p.filtro ? [info(`Aplicando filtro "${p.filtro}"`)] : []),
      info(`Baixando fatura ${p.mes_ano}…`),
      info(`Fatura encontrada: vencimento ${formatDate(invoice.vencimento)}, valor ${formatMoney(invoice.valor)}`),
      info(`Arquivo ${nomeArquivo} salvo`),
      info('Execução concluída com sucesso'),
    ],
    end: async () => ({
      kind: 'completed',
      result: { arquivo: `/jobs/${jobId}/arquivo`, nome_arquivo: nomeArquivo, data_vencimento: invoice.vencimento, valor: invoice.valor },
      pdf: await invoicePdf({ operadora: code, cliente: p.unidade || p.login, cnpj: p.cnpj, servico: p.servico, mesAno: p.mes_ano, ...invoice }),
    }),
  };
}

export function satScript(jobId: string, p: SatPayload): Script {
  const code = p.operadora.toUpperCase();
  const opening = [
    info('Acessando o SAT…'),
    info('Login no SAT realizado'),
    info(`Localizando cliente ${p.razao} (CNPJ ${p.cnpj}) pelo filtro "${p.nome_filtro}"`),
  ];
  if (code === 'FALHA') {
    return {
      lines: [...opening, { level: 'ERROR', message: `Cliente não encontrado no SAT para os dados "${p.dados_sat}"` }],
      end: async () => ({ kind: 'failed', error: `SAT recusou o envio: cliente não encontrado para os dados "${p.dados_sat}"` }),
    };
  }
  if (code === 'TRAVA') return { lines: [...opening, warning('Aguardando o SAT abrir a tela de lançamento…')], end: async () => ({ kind: 'hangs' }) };
  const protocolo = `SAT-${jobId.slice(0, 8).toUpperCase()}`;
  return {
    lines: [
      ...opening,
      info(`Selecionando operadora ${code}, unidade ${p.unidade || '(todas)'}, serviço ${p.servico || '(todos)'}`),
      info(`Anexando arquivo ${p.nome_arquivo}`),
      info(`Informando vencimento ${p.data_vencimento.includes('-') ? formatDate(p.data_vencimento) : p.data_vencimento}`),
      info(`Fatura enviada ao SAT: protocolo ${protocolo}`),
    ],
    end: async () => ({ kind: 'completed', result: { protocolo, nome_arquivo: p.nome_arquivo } }),
  };
}

/**
 * The invoice a portal would show, derived from the request so the same
 * client and month always give the same amount and due date: the 10th of the
 * month after the reference month.
 */
function invoiceOf(code: string, p: DownloadPayload): { vencimento: string; valor: string } {
  const [month, year] = p.mes_ano.split('/').map(Number) as [number, number];
  const due = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  const cents = createHash('sha256').update(`${code}|${p.cnpj}|${p.mes_ano}|${p.unidade}|${p.servico}`).digest().readUInt32BE(0) % 195_000;
  const valor = 50 * 100 + cents;
  return { vencimento: `${due.y}-${String(due.m).padStart(2, '0')}-10`, valor: `${Math.floor(valor / 100)}.${String(valor % 100).padStart(2, '0')}` };
}
