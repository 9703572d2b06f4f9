import { useI18n } from '../i18n/I18nProvider.js';
import { Dialog } from './Dialog.js';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before something that cannot be undone. The safe choice has the focus. */
export function ConfirmDialog({ open, title, text, confirmLabel, cancelLabel, danger, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      tone={danger ? 'danger' : 'default'}
      actions={
        <>
          {/* biome-ignore lint/a11y/noAutofocus: a modal dialog moves the focus anyway; it must land on the safe choice, not the first button. */}
          <button type="button" className="button" onClick={onCancel} autoFocus>
            {cancelLabel ?? t('dialog.cancel')}
          </button>
          <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{text}</p>
    </Dialog>
  );
}
