import PDFDocument from 'pdfkit';

/** What a telecom invoice shows: enough for a person approving it to recognise it. */
export interface Invoice {
  operadora: string;
  cliente: string;
  cnpj: string;
  servico: string;
  mesAno: string;
  /** YYYY-MM-DD */
  vencimento: string;
  /** decimal string with a dot, e.g. "1234.56" */
  valor: string;
}

/** A one-page "fatura" PDF, as the portals hand them out. */
export function invoicePdf(invoice: Invoice): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Fatura ${invoice.operadora} ${invoice.mesAno}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(22).text(`FATURA ${invoice.operadora}`, { align: 'left' });
  doc.moveDown(0.3).fontSize(10).fillColor('#555').text('Documento gerado pelo robô de teste (stand-in da API RPA)');
  doc.moveDown(1.5).fillColor('#000').fontSize(12);
  const lines: [string, string][] = [
    ['Cliente', invoice.cliente],
    ['CNPJ', formatCnpj(invoice.cnpj)],
    ['Serviço', invoice.servico],
    ['Mês/ano de referência', invoice.mesAno],
    ['Vencimento', formatDate(invoice.vencimento)],
  ];
  for (const [label, value] of lines) doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  doc
    .moveDown(1.5)
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`Valor a pagar: ${formatMoney(invoice.valor)}`);
  doc.end();
  return done;
}

function formatCnpj(cnpj: string): string {
  const d = cnpj.replace(/\D/g, '');
  return d.length === 14 ? `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}` : cnpj;
}

/** YYYY-MM-DD → DD/MM/YYYY */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** "1234.56" → "R$ 1.234,56" */
export function formatMoney(valor: string): string {
  const [units = '0', cents = '00'] = valor.split('.');
  return `R$ ${units.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents.padEnd(2, '0')}`;
}
