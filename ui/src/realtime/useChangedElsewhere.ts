import { useEffect, useState } from 'react';
import { useSignedInUser } from '../auth/SessionProvider.js';
import { subscribeToChanges, type ChangeEvent } from './changeEvents.js';

/**
 * The latest change someone else committed to the record being edited, newer
 * than the version the form started from; null while there is none.
 */
export function useChangedElsewhere(entityKey: string, id: number | undefined, version: number | undefined): ChangeEvent | null {
  const me = useSignedInUser();
  const [change, setChange] = useState<ChangeEvent | null>(null);
  useEffect(() => {
    setChange(null);
    if (id === undefined || version === undefined) return;
    return subscribeToChanges((event) => {
      const sameRecord = `${event.module}.${event.entity}` === entityKey && event.id === id;
      if (sameRecord && event.by !== me.id && (event.op === 'delete' || event.version > version)) setChange(event);
    });
  }, [entityKey, id, version, me.id]);
  return change;
}
