/** A company's CNPJ: 14 digits stored, accepted as 12.345.678/0001-95 too, check digits verified. */
import { defineFieldType } from './fieldType.js';
import { taxIdFieldType } from './taxIdLike.js';
import { CNPJ } from '../values/taxId.js';

export const cnpj = defineFieldType(taxIdFieldType('cnpj', CNPJ, 'CNPJ'));
