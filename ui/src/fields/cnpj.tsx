/** A CNPJ: typed and shown as 12.345.678/0001-95, sent as its 14 digits. */
import { CNPJ } from '../../../core/values/taxId.js';
import type { ControlProps } from './fieldType.js';
import { TaxIdControl, taxIdField } from './taxIdLike.js';

function CnpjControl(props: ControlProps) {
  return <TaxIdControl {...props} kind={CNPJ} />;
}

export const cnpjField = taxIdField(CNPJ, CnpjControl);
