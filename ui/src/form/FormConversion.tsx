/**
 * The conversion settings a form was opened with (number separators, today).
 * Fixed for the form's life, so switching language mid-edit never makes
 * already-typed numbers be read in another notation.
 */
import { createContext, useContext } from 'react';
import type { FormContext } from '../fields/fieldType.js';

export const FormConversionContext = createContext<FormContext | null>(null);

export function useFormConversion(): FormContext {
  const value = useContext(FormConversionContext);
  if (!value) throw new Error('useFormConversion outside a record form');
  return value;
}
