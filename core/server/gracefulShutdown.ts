import type http from 'node:http';
import type { Logger } from 'pino';

/**
 * Returns a stop function: stop accepting connections, let in-flight requests
 * finish (closing idle keep-alive sockets at once), then run `onClosed`.
 * After `timeoutMs` the remaining sockets are cut so shutdown always ends.
 */
export function trackShutdown(server: http.Server, o: { timeoutMs: number; onClosed: () => Promise<void>; logger: Logger }): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        o.logger.warn('shutdown timeout: closing remaining connections');
        server.closeAllConnections();
      }, o.timeoutMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        o.onClosed().then(resolve, (e: unknown) => {
          o.logger.error({ err: e }, 'error while closing databases');
          resolve();
        });
      });
      server.closeIdleConnections();
    });
    return stopping;
  };
}
