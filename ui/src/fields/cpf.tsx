/** A CPF: typed and shown as 123.456.789-09, sent as its 11 digits. */
import { CPF } from '../../../core/values/taxId.js';
import type { ControlProps } from './fieldType.js';
import { TaxIdControl, taxIdField } from './taxIdLike.js';

function CpfControl(props: ControlProps) {
  return <TaxIdControl {...props} kind={CPF} />;
}

export const cpfField = taxIdField(CPF, CpfControl);
