import type { Page } from 'playwright-core';

/** The texts of one column of the list table, found by its header label. */
export function columnTexts(page: Page, header: string): Promise<string[]> {
  return page.evaluate((label) => {
    const table = document.querySelector('table.data-table');
    if (!table) return [];
    const th = [...table.querySelectorAll('thead th')].find((h) => (h.textContent ?? '').trim().startsWith(label)) as HTMLTableCellElement | undefined;
    if (!th) return [];
    return [...table.querySelectorAll('tbody tr')].map((tr) => ((tr as HTMLTableRowElement).cells[th.cellIndex]?.textContent ?? '').trim());
  }, header);
}
