/**
 * The production sheet as one A4 page: the pedido's header, the item's
 * specification, its reference image and the stage checkboxes the floor
 * ticks and signs by hand.
 */
import PDFDocument from 'pdfkit';
import type { FichaData } from './fichaData.js';

const MARGIN = 40;
const INK = '#1f2933';
const MUTED = '#5f6b7a';
const LINE = '#c8ced6';
const ACCENT = '#b42318';
const STAGES = ['Arte aprovada', 'Impressão', 'Sublimação / calandra', 'Corte', 'Costura / acabamento', 'Conferência', 'Embalagem / expedição'];

export function fichaPdf(data: FichaData, image: Buffer | null): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Ficha de produção — Pedido ${data.numero}`, Author: 'Forja SGP' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  let y = header(doc, data, width);
  y = pedidoBox(doc, data, y, width);
  y = itemSection(doc, data, image, y, width);
  y = notes(doc, data, y, width);
  stages(doc, y, width);
  footer(doc, data, width);
  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, data: FichaData, width: number): number {
  doc
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(20)
    .text('FICHA DE PRODUÇÃO', MARGIN, MARGIN, { width: width - 160 });
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Item ${data.itemIndex} de ${data.itemCount}`, MARGIN, MARGIN + 26);
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(INK)
    .text(`Nº ${data.numero}`, MARGIN + width - 200, MARGIN, { width: 200, align: 'right' });
  if (data.alta) {
    doc.roundedRect(MARGIN + width - 110, MARGIN + 30, 110, 20, 4).fill(ACCENT);
    doc
      .fillColor('#ffffff')
      .font('Helvetica-Bold')
      .fontSize(10)
      .text('PRIORIDADE ALTA', MARGIN + width - 110, MARGIN + 36, { width: 110, align: 'center' });
  }
  const y = MARGIN + 58;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(1.5)
    .strokeColor(INK)
    .stroke();
  return y + 12;
}

function pedidoBox(doc: PDFKit.PDFDocument, data: FichaData, top: number, width: number): number {
  const cells: [string, string][] = [
    ['Cliente', data.cliente],
    ['Entrada', data.dataEntrada],
    ['Entrega', data.dataEntrega],
    ['Prioridade', data.prioridade],
    ['Envio', data.formaEnvio],
  ];
  const widths = [0.36, 0.14, 0.14, 0.14, 0.22].map((f) => f * width);
  let x = MARGIN;
  cells.forEach(([label, value], i) => {
    labelled(doc, label, value, x, top, widths[i]! - 8, label === 'Entrega' || label === 'Prioridade');
    x += widths[i]!;
  });
  return top + 40;
}

function itemSection(doc: PDFKit.PDFDocument, data: FichaData, image: Buffer | null, top: number, width: number): number {
  doc.rect(MARGIN, top, width, 26).fill('#eef1f5');
  doc
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(data.descricao, MARGIN + 8, top + 7, { width: width - 16, height: 16, ellipsis: true });
  const bodyTop = top + 36;
  const imageWidth = 210;
  const tableWidth = width - imageWidth - 16;
  let y = bodyTop;
  for (const [label, value] of data.detalhes) {
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(MUTED)
      .text(label, MARGIN, y + 4, { width: 110 });
    doc
      .font('Helvetica-Bold')
      .fontSize(10.5)
      .fillColor(INK)
      .text(value, MARGIN + 112, y + 3, { width: tableWidth - 112, height: 14, ellipsis: true });
    y += 20;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + tableWidth, y)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
  }
  const boxX = MARGIN + width - imageWidth;
  const boxHeight = y - bodyTop;
  doc.rect(boxX, bodyTop, imageWidth, boxHeight).lineWidth(0.75).strokeColor(LINE).stroke();
  if (image) doc.image(image, boxX + 6, bodyTop + 6, { fit: [imageWidth - 12, boxHeight - 12], align: 'center', valign: 'center' });
  else
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(MUTED)
      .text('Sem imagem', boxX, bodyTop + boxHeight / 2 - 5, { width: imageWidth, align: 'center' });
  return y + 16;
}

function notes(doc: PDFKit.PDFDocument, data: FichaData, top: number, width: number): number {
  const text = [data.observacoes, data.observacoesPedido && `Pedido: ${data.observacoesPedido}`].filter(Boolean).join('\n') || '—';
  doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED).text('OBSERVAÇÕES', MARGIN, top);
  const height = Math.min(
    96,
    Math.max(
      40,
      doc
        .font('Helvetica')
        .fontSize(10)
        .heightOfString(text, { width: width - 16 }) + 14,
    ),
  );
  doc
    .rect(MARGIN, top + 13, width, height)
    .lineWidth(0.75)
    .strokeColor(LINE)
    .stroke();
  doc.fillColor(INK).text(text, MARGIN + 8, top + 20, { width: width - 16, height: height - 12, ellipsis: true });
  return top + 13 + height + 18;
}

function stages(doc: PDFKit.PDFDocument, top: number, width: number): void {
  doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED).text('ETAPAS DE PRODUÇÃO', MARGIN, top);
  const columns = [
    { label: 'Etapa', x: MARGIN + 22 },
    { label: 'Responsável', x: MARGIN + 200 },
    { label: 'Data', x: MARGIN + 360 },
    { label: 'Visto', x: MARGIN + 440 },
  ];
  let y = top + 16;
  for (const c of columns) doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(c.label, c.x, y);
  y += 14;
  for (const stage of STAGES) {
    doc
      .rect(MARGIN + 2, y, 11, 11)
      .lineWidth(1)
      .strokeColor(INK)
      .stroke();
    doc
      .font('Helvetica')
      .fontSize(10.5)
      .fillColor(INK)
      .text(stage, columns[0]!.x, y + 1);
    for (const [from, to] of [
      [columns[1]!.x, columns[2]!.x - 14],
      [columns[2]!.x, columns[3]!.x - 14],
      [columns[3]!.x, MARGIN + width],
    ] as const) {
      doc
        .moveTo(from, y + 12)
        .lineTo(to, y + 12)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
    }
    y += 24;
  }
}

function footer(doc: PDFKit.PDFDocument, data: FichaData, width: number): void {
  const y = doc.page.height - MARGIN - 10;
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(MUTED)
    .text(`Emitida em ${data.emitidaEm} por ${data.emitidaPor} · Forja SGP`, MARGIN, y, { width, align: 'center', lineBreak: false });
}

function labelled(doc: PDFKit.PDFDocument, label: string, value: string, x: number, y: number, width: number, strong: boolean): void {
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(label.toUpperCase(), x, y, { width });
  doc
    .font(strong ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(11)
    .fillColor(INK)
    .text(value, x, y + 12, { width, height: 14, ellipsis: true });
}
