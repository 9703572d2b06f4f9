/** Every row of a filtered list, page after page (lists answer at most 200 rows at a time). */
import type { EntityAccess, EntityTypes, ListInput } from '#core';

const PAGE_SIZE = 200;

export async function listAll<T extends EntityTypes>(entity: EntityAccess<T>, input: Omit<ListInput<T['row']>, 'page' | 'pageSize'>): Promise<T['row'][]> {
  const rows: T['row'][] = [];
  for (let page = 1; ; page++) {
    const answer = await entity.list({ ...input, page, pageSize: PAGE_SIZE });
    rows.push(...answer.rows);
    if (rows.length >= answer.total || answer.rows.length < PAGE_SIZE) return rows;
  }
}
