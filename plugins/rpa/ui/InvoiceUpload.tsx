/**
 * Manual upload of a processo's invoice PDF (the seed's "upload manual"):
 * posted to the rpa route, which stores it, records an UPLOAD_MANUAL execução
 * and moves the processo to AGUARDANDO_APROVACAO. The screen then updates
 * from the change the route made.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { fillPlaceholders, Icon, sendFile, type Upload, useToast } from '#ui-plugin';
import { useRpaTexts } from './rpaTexts.js';

/** While the invoice may still be replaced: before approval. */
export const UPLOADABLE = ['AGUARDANDO_DOWNLOAD', 'AGUARDANDO_APROVACAO'];

export function InvoiceUpload({ processoId, hasInvoice }: { processoId: number; hasInvoice: boolean }) {
  const tx = useRpaTexts();
  const toast = useToast();
  const id = useId();
  const upload = useRef<Upload<unknown> | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => upload.current?.abort(), []);

  async function send(file: File) {
    setError(null);
    if (file.type !== 'application/pdf') return setError(tx.soPdf);
    setPercent(0);
    upload.current = sendFile<unknown>(`/api/rpa/processos/${processoId}/fatura?nome=${encodeURIComponent(file.name)}`, file, (f) =>
      setPercent(Math.round(f * 100)),
    );
    try {
      await upload.current.done;
      toast(tx.faturaEnviada);
    } catch (e) {
      setError((e instanceof Error && e.message) || tx.falhaEnvio);
    } finally {
      upload.current = null;
      setPercent(null);
    }
  }

  return (
    <div className="rpa-upload">
      <input
        id={id}
        type="file"
        accept="application/pdf,.pdf"
        className="visually-hidden"
        disabled={percent !== null}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void send(file);
        }}
        aria-describedby={error ? `${id}-error` : `${id}-help`}
      />
      <label htmlFor={id} className="button" aria-busy={percent !== null}>
        <Icon name="upload" /> {percent === null ? (hasInvoice ? tx.substituirFatura : tx.enviarFatura) : fillPlaceholders(tx.enviando, { percent })}
      </label>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-help`} className="muted small">
          {tx.uploadManualAjuda}
        </p>
      )}
    </div>
  );
}
