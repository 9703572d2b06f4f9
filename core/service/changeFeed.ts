import { EventEmitter } from 'node:events';

/** The contract's live-update event, emitted after a change is committed. */
export interface ChangeEvent {
  module: string;
  entity: string;
  id: number;
  op: 'create' | 'update' | 'delete' | 'transition';
  version: number;
  by: number | null;
}

/** In-process feed of committed changes; Socket.IO fans it out to clients. */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: ChangeEvent): void {
    this.emitter.emit('change', event);
  }
  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
