/** Any call answered UNAUTHORIZED means the session is over (expired, revoked, user disabled). */
type Listener = (message: string) => void;

const listeners = new Set<Listener>();

export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSessionEnded(message: string): void {
  for (const listener of listeners) listener(message);
}
