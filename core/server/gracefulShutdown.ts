import http from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

export interface DrainableServer {
  server: http.Server;
  /** Starts the drain (once); resolves when the last connection has ended. */
  drain(): Promise<void>;
}

/**
 * An HTTP server that, once draining, takes no new request on any connection,
 * so a client never sees a broken connection for a request that ran:
 * answers in flight carry `Connection: close` and their socket closes after
 * them, idle keep-alive sockets close at once, and a request that still
 * arrives on an old socket is not run but answered 503 with `Retry-After`,
 * safe to retry elsewhere. After `timeoutMs` the remaining sockets are cut,
 * a last resort so shutdown always ends.
 */
export function drainableServer(app: http.RequestListener, o: { timeoutMs: number; logger: Logger }): DrainableServer {
  const inFlight = new Map<http.ServerResponse, Socket>();
  let draining: Promise<void> | undefined;
  const server = http.createServer((req, res) => {
    if (draining) return refuse(req, res);
    inFlight.set(res, req.socket);
    res.once('close', () => inFlight.delete(res));
    app(req, res);
  });
  const drain = () =>
    (draining ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        o.logger.warn({ inFlight: inFlight.size }, 'shutdown timeout: closing remaining connections');
        server.closeAllConnections();
      }, o.timeoutMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      for (const [res, socket] of inFlight) closeAfterAnswer(res, socket);
      server.closeIdleConnections();
    }));
  return { server, drain };
}

function closeAfterAnswer(res: http.ServerResponse, socket: Socket): void {
  // Node ends the socket itself after an answer that says `Connection: close`.
  if (!res.headersSent) res.setHeader('Connection', 'close');
  else res.once('finish', () => socket.destroySoon());
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse): void {
  const body = JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The server is shutting down; the request was not run, retry it.' } });
  // The body is read first: a socket closed with unread bytes is reset, and the client would lose this answer.
  req.resume();
  req.once('end', () => {
    res.writeHead(503, {
      Connection: 'close',
      'Retry-After': '1',
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });
}
