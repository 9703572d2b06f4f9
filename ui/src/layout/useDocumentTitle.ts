import { useEffect } from 'react';

/** The browser tab says which screen this is. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Forja` : 'Forja';
  }, [title]);
}
