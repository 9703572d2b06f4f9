/**
 * Demo data: the seed's four operadoras plus three test operadoras whose
 * codes make the robot stand-in fail (FALHA), hang (TRAVA) or answer 503
 * once per job (INSTAVEL); clientes with valid CNPJs (branch 0001, the
 * stand-in's "normal" case); this month's processos for every active
 * cliente (as CRIAR_PROCESSOS_MENSAIS makes them) and last month's.
 * Runs once (ctx.firstRun).
 */
import { taxId } from '#core';
import type { Seed } from './generated/model.js';
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
}

function semAcentos(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
