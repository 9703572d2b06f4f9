/**
 * Demo data: the seed's four operadoras plus three test operadoras whose
 * codes make the robot stand-in fail (FALHA), hang (TRAVA) or answer 503
 * once per job (INSTAVEL); clientes with valid CNPJs (branch 0001, the
 * stand-in's "normal" case); this month's processos for every active
 * cliente (as CRIAR_PROCESSOS_MENSAIS makes them) and last month's, some of
 * those downloaded, approved and sent to the SAT (with invoice PDFs and
 * execuções), and a failed download this month. Runs once (ctx.firstRun).
 */
import { Readable } from 'node:stream';
import { taxId } from '#core';
import type { Seed } from './generated/model.js';
import { carregarAlvo } from './alvo.js';
import { abrirExecucao } from './execucoes.js';
import { invoicePdf } from './robot-stand-in/invoicePdf.js';
import { criarProcessosMensais } from './processosMensais.js';
import { mesAnterior, mesAtual } from './mesAno.js';

const OPERADORAS = [
  { codigo: 'VIVO', nome: 'Vivo', url_portal: 'https://meuvivoempresas.vivo.com.br', classe_rpa: 'VivoRPA' },
  { codigo: 'OI', nome: 'Oi', url_portal: 'https://www.oi.com.br/empresas', classe_rpa: 'OiRPA' },
  { codigo: 'EMBRATEL', nome: 'Embratel', url_portal: 'https://webebt01.embratel.com.br', classe_rpa: 'EmbratelRPA' },
  { codigo: 'DIGITALNET', nome: 'DigitalNet', url_portal: 'https://portal.digitalnet.com.br', classe_rpa: 'DigitalNetRPA' },
  { codigo: 'FALHA', nome: 'Teste: robô que falha', classe_rpa: 'TesteFalha' },
  { codigo: 'TRAVA', nome: 'Teste: robô que trava', classe_rpa: 'TesteTrava' },
  { codigo: 'INSTAVEL', nome: 'Teste: robô instável', classe_rpa: 'TesteInstavel' },
] as const;

type Codigo = (typeof OPERADORAS)[number]['codigo'];

const CLIENTES: { razao: string; base: string; operadora: Codigo; unidade: string; servico: string; ativo?: boolean }[] = [
  { razao: 'Transportes Boa Viagem Ltda', base: '11222333', operadora: 'VIVO', unidade: 'MATRIZ', servico: 'MOVEL' },
  { razao: 'Transportes Boa Viagem Ltda', base: '11222333', operadora: 'VIVO', unidade: 'MATRIZ', servico: 'DADOS' },
  { razao: 'Construtora Horizonte S.A.', base: '22333444', operadora: 'OI', unidade: 'SEDE', servico: 'FIXO' },
  { razao: 'Supermercados Bom Preço Ltda', base: '33444555', operadora: 'EMBRATEL', unidade: 'CD CAMPINAS', servico: 'DADOS' },
  { razao: 'Clínica Vida Plena Ltda', base: '44555666', operadora: 'DIGITALNET', unidade: 'MATRIZ', servico: 'INTERNET' },
  { razao: 'Metalúrgica Aço Forte Ltda', base: '55666777', operadora: 'VIVO', unidade: 'FÁBRICA', servico: 'MOVEL' },
  { razao: 'Escola Saber Mais Ltda', base: '66777888', operadora: 'OI', unidade: 'MATRIZ', servico: 'INTERNET' },
  { razao: 'Agropecuária Campo Verde Ltda', base: '77888999', operadora: 'EMBRATEL', unidade: 'FAZENDA', servico: 'FIXO' },
  { razao: 'Distribuidora Sol Nascente Ltda', base: '88999000', operadora: 'FALHA', unidade: 'MATRIZ', servico: 'MOVEL' },
  { razao: 'Hotel Mar Azul Ltda', base: '99000111', operadora: 'TRAVA', unidade: 'MATRIZ', servico: 'FIXO' },
  { razao: 'Farmácias Saúde Já Ltda', base: '10203040', operadora: 'INSTAVEL', unidade: 'LOJA 1', servico: 'DADOS' },
  { razao: 'Gráfica Antiga Ltda', base: '12131415', operadora: 'OI', unidade: 'MATRIZ', servico: 'FIXO', ativo: false },
];

/** A valid CNPJ of the company's head office (branch 0001). */
export function cnpjDemo(base: string): string {
  return taxId.withCheckDigits(taxId.CNPJ, `${base}0001`);
}

export async function seedRpa(ctx: Seed): Promise<void> {
  if (!ctx.firstRun) return;
  const operadoras = new Map<string, number>();
  for (const o of OPERADORAS) operadoras.set(o.codigo, (await ctx.data.entity('operadora').create({ ...o, possui_rpa: true, ativa: true })).id);
  for (const c of CLIENTES) {
    const cnpj = cnpjDemo(c.base);
    await ctx.data.entity('cliente').create({
      razao_social: c.razao,
      nome_sat: c.razao.toUpperCase(),
      cnpj,
      operadora: operadoras.get(c.operadora)!,
      unidade: c.unidade,
      servico: c.servico,
      filtro: `${c.servico} ${c.unidade}`,
      dados_sat: `SAT-${cnpj.slice(0, 8)}`,
      login_portal: `fatura@${semAcentos(c.razao.split(' ')[0]!).toLowerCase()}.com.br`,
      ativo: c.ativo ?? true,
    });
  }
  const mes = mesAtual(ctx.calendar);
  await criarProcessosMensais(ctx.data, mesAnterior(mes));
  await criarProcessosMensais(ctx.data, mes);
  await avancarMesAnterior(ctx, mesAnterior(mes));
  await registrarFalha(ctx, mes);
}

/** How far each of last month's first processos got (the rest still wait for their download). */
const ETAPAS = [
  'UPLOAD_REALIZADO',
  'UPLOAD_REALIZADO',
  'AGUARDANDO_ENVIO_SAT',
  'AGUARDANDO_ENVIO_SAT',
  'AGUARDANDO_APROVACAO',
  'AGUARDANDO_APROVACAO',
] as const;

/** Last month's processos in several states, each with its invoice PDF and the execuções that got it there. */
async function avancarMesAnterior(ctx: Seed, mesAno: string): Promise<void> {
  const { rows } = await ctx.data.entity('processo').list({ filter: { mes_ano: mesAno }, sort: 'id', pageSize: ETAPAS.length });
  for (const [i, processo] of rows.entries()) {
    const etapa = ETAPAS[i]!;
    const { cliente, operadora } = await carregarAlvo(ctx.data, processo.id);
    const vencimento = `${mesAno.slice(3)}-${mesAno.slice(0, 2)}-10`;
    const valor = `${180 + i * 37}.${String(10 + i * 7).slice(-2)}`;
    const pdf = await invoicePdf({
      operadora: operadora.nome,
      cliente: cliente.razao_social,
      cnpj: cliente.cnpj,
      servico: cliente.servico ?? '',
      mesAno,
      vencimento,
      valor,
    });
    const nome = `fatura-${operadora.codigo.toLowerCase()}-${cliente.cnpj}-${mesAno.replace('/', '-')}.pdf`;
    await ctx.files.attach({ entity: 'processo', id: processo.id, field: 'fatura', name: nome, type: 'application/pdf', body: Readable.from([pdf]) });
    await ctx.data.entity('processo').update(processo.id, { vencimento, valor, tentativas_download: 1 });
    await execucaoConcluida(ctx, processo.id, 'DOWNLOAD_FATURA', { nome_arquivo: nome, data_vencimento: vencimento, valor });
    await ctx.data.entity('processo').transition(processo.id, 'receber_fatura');
    if (etapa === 'AGUARDANDO_APROVACAO') continue;
    await ctx.data.entity('processo').transition(processo.id, 'aprovar');
    if (etapa === 'AGUARDANDO_ENVIO_SAT') continue;
    await ctx.data.entity('processo').update(processo.id, { tentativas_upload: 1 });
    await execucaoConcluida(ctx, processo.id, 'UPLOAD_SAT', { protocolo: `SAT-DEMO-${processo.id}`, nome_arquivo: nome });
    await ctx.data.entity('processo').transition(processo.id, 'registrar_envio_sat');
  }
}

async function execucaoConcluida(ctx: Seed, processo: number, tipo: 'DOWNLOAD_FATURA' | 'UPLOAD_SAT', resultado: object): Promise<void> {
  const execucao = await abrirExecucao(ctx.data, { processo, tipo, iniciador: {} });
  await ctx.data
    .entity('execucao')
    .update(execucao.id, { status: 'CONCLUIDO', resultado, fim: new Date().toISOString(), log: '[INFO] Demonstração: execução de exemplo' });
}

/** This month's download for the robot that fails, already given up: something for the dashboard's failures. */
async function registrarFalha(ctx: Seed, mesAno: string): Promise<void> {
  const { rows } = await ctx.data.entity('processo').list({ filter: { mes_ano: mesAno }, sort: 'id', pageSize: 200 });
  for (const processo of rows) {
    const { operadora } = await carregarAlvo(ctx.data, processo.id);
    if (operadora.codigo !== 'FALHA') continue;
    const execucao = await abrirExecucao(ctx.data, { processo: processo.id, tipo: 'DOWNLOAD_FATURA', iniciador: {}, classe_rpa: operadora.classe_rpa });
    const erro = { mensagem: 'O robô falhou: Portal da operadora recusou o login (demonstração)', desfecho: 'failed' };
    await ctx.data.entity('execucao').update(execucao.id, { status: 'FALHOU', erro, fim: new Date().toISOString() });
    await ctx.data.entity('processo').update(processo.id, { tentativas_download: 1 });
  }
}

function semAcentos(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
