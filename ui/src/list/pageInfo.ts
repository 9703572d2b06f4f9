/** What the pagination bar says: "1–50 de 300", "10.000+" when the server stopped counting. Pure. */
import { formatInteger } from '../format/decimalText.js';
import type { NumberSeparators } from '../i18n/locale.js';

export interface PageInfo {
  from: string;
  to: string;
  /** "300", or "10.000+" when the total is only a lower bound. */
  total: string;
  /** null when the total is not exact. */
  pageCount: number | null;
  hasNext: boolean;
  empty: boolean;
}

export function pageInfo(r: { page: number; pageSize: number; rows: number; total: number; totalExact: boolean }, sep: NumberSeparators): PageInfo {
  const first = (r.page - 1) * r.pageSize + 1;
  const last = first + r.rows - 1;
  const pageCount = r.totalExact ? Math.max(1, Math.ceil(r.total / r.pageSize)) : null;
  const hasNext = pageCount !== null ? r.page < pageCount : last < r.total || r.rows === r.pageSize;
  return {
    from: formatInteger(first, sep),
    to: formatInteger(last, sep),
    total: `${formatInteger(r.total, sep)}${r.totalExact ? '' : '+'}`,
    pageCount,
    hasNext,
    empty: r.rows === 0,
  };
}
