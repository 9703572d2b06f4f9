/**
 * What the processo screen adds to the generic one (whose workflow bar and
 * actions already approve, download and send to the SAT): the manual invoice
 * upload.
 */
import type { RecordPanelProps } from '#ui-plugin';
import { InvoiceUpload, UPLOADABLE } from './InvoiceUpload.js';
import { useRpaTexts } from './rpaTexts.js';

export function ProcessoPanel({ entity, record }: RecordPanelProps) {
  const tx = useRpaTexts();
  const canUpload = entity.can.update && UPLOADABLE.includes(String(record.status));
  if (!canUpload) return null;
  return (
    <section className="card rpa-processo-panel" aria-label={tx.fatura}>
      <InvoiceUpload processoId={record.id} hasInvoice={record.fatura != null} />
    </section>
  );
}
