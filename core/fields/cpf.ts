/** A person's CPF: 11 digits stored, accepted as 123.456.789-09 too, check digits verified. */
import { defineFieldType } from './fieldType.js';
import { taxIdFieldType } from './taxIdLike.js';
import { CPF } from '../values/taxId.js';

export const cpf = defineFieldType(taxIdFieldType('cpf', CPF, 'CPF'));
