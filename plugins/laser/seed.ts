/**
 * Demo data: four operators, three dozen OFs with small STEP files in the
 * step folder, and four weeks of finished apontamentos with pauses (the older
 * weeks confirmed in weekly lotes), so the queue, the jobs list and the time
 * report have content. Runs once (ctx.firstRun); step files already present are kept.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isoDate } from '#core';
import type { Seed } from './generated/model.js';
import { asLaserProcedure } from './writeGuard.js';
import { formatMicros, instantOf, microsBetween } from './clock.js';
import { stepDir } from './step.js';

const OPERADORES = [
  { codigo: '1001', nome: 'Carlos Pereira' },
  { codigo: '1002', nome: 'Juliana Santos' },
  { codigo: '1003', nome: 'Roberto Lima' },
  { codigo: '1004', nome: 'Fernanda Costa', ativo: false },
];
const PECAS = [
  'Suporte de motor',
  'Flange DN50',
  'Chapa de fixação',
  'Base de painel',
  'Tampa de inspeção',
  'Cantoneira reforçada',
  'Placa de identificação',
  'Bucha espaçadora',
  'Guia lateral',
];
const MATERIAIS: [string, string][] = [
  ['Aço 1020', '3.00'],
  ['Aço 1020', '6.35'],
  ['Inox 304', '2.00'],
  ['Alumínio 5052', '4.00'],
  ['Aço galvanizado', '1.50'],
];
const ORDENS = 36;
const WEEKS = 4;

/** A small, valid AP214 STEP file: a rectangular plate of the OF's size and thickness. */
function stepFile(name: string, produto: string, espessura: string, at: string): string {
  const [w, h] = [120 + (name.length % 7) * 10, 80 + (produto.length % 5) * 10];
  return `ISO-10303-21;
HEADER;
FILE_DESCRIPTION(('${produto}'),'2;1');
FILE_NAME('${name}','${at}',('Engenharia'),('Forja'),'Forja demo','Forja','');
FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));
ENDSEC;
DATA;
#1=CARTESIAN_POINT('',(0.,0.,0.));
#2=CARTESIAN_POINT('',(${w}.,0.,0.));
#3=CARTESIAN_POINT('',(${w}.,${h}.,0.));
#4=CARTESIAN_POINT('',(0.,${h}.,0.));
#5=POLYLINE('',(#1,#2,#3,#4,#1));
#6=DIRECTION('',(0.,0.,1.));
#7=VECTOR('',#6,${espessura});
#8=SURFACE_OF_LINEAR_EXTRUSION('${produto}',#5,#7);
#9=PRODUCT('${name}','${produto}','',(#10));
#10=PRODUCT_CONTEXT('',#11,'mechanical');
#11=APPLICATION_CONTEXT('automotive design');
ENDSEC;
END-ISO-10303-21;
`;
}

/** Writes a demo file unless one of that name is there already. */
async function writeStepFile(file: string, text: string): Promise<void> {
  await writeFile(file, text, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
}

/** A small deterministic generator: the same demo on every fresh database. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

export async function seedLaser(ctx: Seed): Promise<void> {
  if (!ctx.firstRun) return;
  await asLaserProcedure(() => seedRows(ctx));
}

async function seedRows(ctx: Seed): Promise<void> {
  const next = random(42);
  const folder = stepDir(ctx);
  await mkdir(folder, { recursive: true });
  const operadores = [];
  for (const o of OPERADORES) operadores.push(await ctx.data.entity('operador').create(o));
  const ativos = operadores.filter((o) => o.ativo !== false);
  const ordens = [];
  for (let i = 1; i <= ORDENS; i++) {
    const numero = `OF-2026-${String(i).padStart(4, '0')}`;
    const produto = PECAS[i % PECAS.length]!;
    const [material, espessura] = MATERIAIS[i % MATERIAIS.length]!;
    // Every ninth OF has no drawing yet.
    const arquivo = i % 9 === 0 ? null : `${numero.toLowerCase()}.step`;
    if (arquivo) await writeStepFile(path.join(folder, arquivo), stepFile(arquivo, produto, espessura, '2026-01-05T08:00:00'));
    const operador = ativos[i % ativos.length]!;
    ordens.push(
      await ctx.data.entity('ordem_fabricacao').create({
        numero,
        produto,
        material,
        espessura,
        quantidade: 10 + next(40),
        operador: operador.id,
        sequencia: Math.ceil(i / ativos.length),
        arquivo_step: arquivo,
      }),
    );
  }
  const today = ctx.calendar.today();
  const monday = isoDate.mondayOf(today);
  // The first two thirds of the OFs were cut in the past weeks; the rest wait in the queue.
  const past = ordens.slice(0, Math.floor((ORDENS * 2) / 3));
  let of = 0;
  for (let week = WEEKS; week >= 1; week--) {
    const confirmed: number[] = [];
    for (let day = 0; day < 5; day++) {
      const dia = isoDate.addDays(monday, -7 * week + day);
      for (const operador of ativos) {
        let minute = 7 * 60 + 30 + next(20);
        for (let k = 0; k < 2 + next(2); k++) {
          const ordem = past[of++ % past.length]!;
          const worked = 35 + next(80);
          const pause = next(3) === 0 ? 0 : 3 + next(15);
          const wall = (m: number, s = 0) =>
            `${dia} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
          const inicio = instantOf(ctx.calendar, wall(minute, next(60)), 'data_inicio');
          const pauseStart = new Date(inicio.getTime() + (10 + next(20)) * 60_000);
          const pauseEnd = new Date(pauseStart.getTime() + pause * 60_000 + next(60_000));
          const fim = new Date(inicio.getTime() + (worked + pause) * 60_000 + next(60_000));
          const tempoPausado = pause ? microsBetween(pauseStart, pauseEnd) : 0;
          const a = await ctx.data.entity('apontamento').create({
            ordem: ordem.id,
            operador: operador.id,
            data_inicio: inicio.toISOString(),
            data_fim: fim.toISOString(),
            dia,
            tempo_pausado: formatMicros(tempoPausado),
            total_time: formatMicros(microsBetween(inicio, fim) - tempoPausado),
            quantidade_produzida: 2 + next(8),
            quantidade_refugo: next(4) === 0 ? 1 : 0,
            status: 'finalizado',
            direto: next(6) === 0,
          });
          if (pause) await ctx.data.entity('pausa').create({ apontamento: a.id, inicio: pauseStart.toISOString(), fim: pauseEnd.toISOString() });
          if (week > 1) confirmed.push(a.id);
          minute += worked + pause + 20 + next(40);
        }
      }
    }
    if (confirmed.length) {
      const confirmadoEm = instantOf(ctx.calendar, `${isoDate.addDays(monday, -7 * week + 4)} 17:30:00`, 'confirmado_em').toISOString();
      const lote = await ctx.data.entity('lote').create({ confirmado_em: confirmadoEm, confirmado_por: 'supervisor (demo)', quantidade: confirmed.length });
      for (const id of confirmed) await ctx.data.entity('apontamento').update(id, { status: 'confirmado', lote: lote.id });
    }
  }
  for (const ordem of past.slice(0, past.length / 2)) await ctx.data.entity('ordem_fabricacao').update(ordem.id, { status: 'concluida' });
}
