import { useCallback, useState } from 'react';

/** Which list columns this browser hides, per entity (a personal preference, so not in the URL). */
export function useColumnVisibility(entityKey: string) {
  const storageKey = `forja.hiddenColumns.${entityKey}`;
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as unknown;
      return Array.isArray(saved) ? saved.filter((s): s is string => typeof s === 'string') : [];
    } catch {
      return [];
    }
  });
  const toggle = useCallback(
    (column: string) => {
      setHidden((current) => {
        const next = current.includes(column) ? current.filter((c) => c !== column) : [...current, column];
        try {
          localStorage.setItem(storageKey, JSON.stringify(next));
        } catch {
          // kept for this page only
        }
        return next;
      });
    },
    [storageKey],
  );
  return { hidden, toggle };
}
