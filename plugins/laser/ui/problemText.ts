/**
 * A refused or failed call in words an operator understands, in the page's
 * language. The server's own message is kept as a detail line: it names the
 * field or the state, but is written for whoever reads the logs.
 */
import { ApiError, fillPlaceholders, type ApiErrorCode } from '#ui-plugin';
import type { ShopFloorTexts } from './shopFloorTexts.js';

export interface Problem {
  text: string;
  detail: string | null;
}

/** What the operator was doing: the words for a CONFLICT depend on it. */
export type ShiftAction = 'start' | 'pause' | 'resume' | 'finish';

const CONFLICT_TEXT = { start: 'conflictStart', pause: 'conflictPause', resume: 'conflictResume', finish: 'conflictFinish' } as const;
const TEXT_BY_CODE: Partial<Record<ApiErrorCode, 'notFound' | 'invalid' | 'forbidden'>> = {
  NOT_FOUND: 'notFound',
  BAD_REQUEST: 'invalid',
  FORBIDDEN: 'forbidden',
};

export function problemOf(error: unknown, action: ShiftAction, numero: string, tx: ShopFloorTexts): Problem {
  if (!(error instanceof ApiError) || error.code === 'NETWORK') return { text: tx.network, detail: null };
  // A 500 never carries details meant for anyone at the machine.
  if (error.code === 'INTERNAL_SERVER_ERROR') return { text: tx.serverError, detail: null };
  const detail = error.message ? fillPlaceholders(tx.serverDetail, { message: error.message }) : null;
  const key = TEXT_BY_CODE[error.code];
  const text = error.code === 'CONFLICT' ? fillPlaceholders(tx[CONFLICT_TEXT[action]], { numero }) : key ? tx[key] : tx.serverError;
  return { text, detail };
}
