import { useId } from 'react';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PAGE_SIZES } from './listState.js';
import { pageInfo } from './pageInfo.js';

interface PaginationProps {
  page: number;
  pageSize: number;
  rows: number;
  total: number;
  totalExact: boolean;
  onPage(page: number): void;
  onPageSize(size: number): void;
}

export function Pagination({ page, pageSize, rows, total, totalExact, onPage, onPageSize }: PaginationProps) {
  const { t, sep } = useI18n();
  const sizeId = useId();
  const info = pageInfo({ page, pageSize, rows, total, totalExact }, sep);
  return (
    <nav className="pagination" aria-label={t('list.pagination')}>
      <p className="pagination-range" aria-live="polite">
        {info.empty ? t('list.rangeEmpty') : t('list.range', { from: info.from, to: info.to, total: info.total })}
      </p>
      <div className="pagination-size">
        <label htmlFor={sizeId}>{t('list.pageSize')}</label>
        <select id={sizeId} value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="pagination-pages">
        <button type="button" className="button button-small" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label={t('list.previous')}>
          <Icon name="chevronLeft" size={16} /> <span className="hide-narrow">{t('list.previous')}</span>
        </button>
        <span className="pagination-page">{info.pageCount !== null ? t('list.page', { page, pages: info.pageCount }) : t('list.pageUnknown', { page })}</span>
        <button type="button" className="button button-small" onClick={() => onPage(page + 1)} disabled={!info.hasNext} aria-label={t('list.next')}>
          <span className="hide-narrow">{t('list.next')}</span> <Icon name="chevronRight" size={16} />
        </button>
      </div>
    </nav>
  );
}
