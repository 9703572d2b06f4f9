/**
 * Keeps a connected socket's session honest after the handshake: the socket is
 * cut when the token expires, and the session is re-read from the database
 * every `recheckMs` (and on demand) so a revocation on another node, a
 * deactivated user or changed roles take effect without a reconnect.
 */
import type { Logger } from 'pino';
import type { SessionService } from '../auth/sessions.js';
import type { HandshakeSession } from './handshake.js';
import type { RealtimeSocket } from './types.js';

/** setTimeout fires at once for delays beyond 2^31-1 ms, so long waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SessionWatch {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly socket: RealtimeSocket,
    private readonly session: HandshakeSession,
    private readonly sessions: SessionService,
    private readonly recheckMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Re-reads the session; ends the socket when it is no longer valid, otherwise refreshes the user (roles). */
  async recheck(): Promise<void> {
    if (this.stopped) return;
    if (Date.now() >= this.session.expiresAt) return this.end('session expired');
    try {
      const { user } = await this.sessions.verify(this.session.token);
      this.socket.data.user = user;
    } catch (e) {
      return this.end((e as Error).message);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const untilExpiry = this.session.expiresAt - Date.now();
    const delay = Math.max(0, Math.min(untilExpiry, this.recheckMs, MAX_TIMER_MS));
    this.timer = setTimeout(() => void this.recheck().then(() => this.schedule()), delay);
    this.timer.unref();
  }

  /** `disconnect(true)` sends a disconnect packet: the client does not retry with a dead token. */
  private end(reason: string): void {
    this.logger.info({ jti: this.session.jti, user: this.session.user.id, reason }, 'realtime session ended');
    this.stop();
    this.socket.disconnect(true);
  }
}
