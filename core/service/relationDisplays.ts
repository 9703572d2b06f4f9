/**
 * A relation's display text comes from a join, so without this it would show
 * the text (an order's number, a customer's name) of rows the reader may not
 * read. Such texts are blanked; the id stays, being the row's own column.
 */
import type { Transaction } from 'sequelize';
import type { EntityModel } from '../model/types.js';
import type { SessionUser } from '../plugin/types.js';
import type { StoredRow } from '../db/repository/entityRepository.js';
import { readReach, referencedByAnyone } from '../auth/readReach.js';
import type { ServiceContext } from './entityOperations.js';

type Displays = Record<string, string | null>[];

/** Blanks, in place, the display values in `displays` (one per row) that point at rows `user` may not read. */
export async function hideUnreadableDisplays(
  services: ServiceContext,
  entity: EntityModel,
  user: SessionUser,
  rows: readonly StoredRow[],
  displays: Displays,
  tx?: Transaction,
): Promise<void> {
  if (rows.length === 0) return;
  for (const field of entity.columns) {
    if (field.type !== 'relation' || !(field.name in displays[0]!)) continue;
    const target = services.model.entity(field.target!);
    if (referencedByAnyone(target)) continue;
    const reach = readReach(target, user);
    if (reach.rows === 'all') continue;
    const ids = [
      ...new Set(
        rows
          .map((r) => r[field.name])
          .filter((id) => id !== null && id !== undefined)
          .map(Number),
      ),
    ];
    const readable =
      reach.rows === 'none' || ids.length === 0
        ? new Set<number>()
        : new Set(await services.repos.repo(target.key).idsWhere({ id: { in: ids } }, ids.length, tx, reach.scope));
    rows.forEach((row, i) => {
      if (!readable.has(Number(row[field.name]))) displays[i]![field.name] = null;
    });
  }
}
