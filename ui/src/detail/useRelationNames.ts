import { useQueries } from '@tanstack/react-query';
import { callQuery } from '../api/apiClient.js';
import { findEntityByKey } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription, ListResult } from '../model/modelTypes.js';
import type { AuditEntry } from './auditChanges.js';

/** Histories store relation ids; this fetches the names of the ones shown (one list call per target entity). */
export function useRelationNames(model: AppModelDescription, entity: EntityDescription, entries: AuditEntry[]) {
  const idsByTarget = new Map<string, Set<number>>();
  for (const entry of entries) {
    for (const [name, pair] of Object.entries(entry.changes ?? {})) {
      const field = entity.fields.find((f) => f.name === name);
      if (!field?.target || !findEntityByKey(model, field.target)) continue;
      const ids = idsByTarget.get(field.target) ?? new Set<number>();
      for (const v of pair ?? []) if (typeof v === 'number') ids.add(v);
      idsByTarget.set(field.target, ids);
    }
  }
  const targets = [...idsByTarget.entries()].map(([target, ids]) => ({ target, ids: [...ids].sort((a, b) => a - b).slice(0, 200) }));
  const results = useQueries({
    queries: targets.map(({ target, ids }) => ({
      queryKey: ['relation-names', target, ids],
      queryFn: () => callQuery<ListResult>(`${target}.list`, { filter: { id: { in: ids } }, pageSize: 200 }),
      staleTime: 60_000,
      enabled: ids.length > 0,
    })),
  });
  return (target: string | undefined, id: number): string | undefined => {
    const index = targets.findIndex((t) => t.target === target);
    const row = index >= 0 ? results[index]?.data?.rows.find((r) => r.id === id) : undefined;
    const display = target ? findEntityByKey(model, target)?.display : undefined;
    return row && display ? String(row[display] ?? '') || undefined : undefined;
  };
}
