import { EventEmitter } from 'node:events';

/** One line a running job logged, with what decides who may see it. */
export interface RunLogLine {
  runId: number;
  /** `module.entity` and id of the record a record run is for; undefined for schedule runs (their readers are the runs' readers). */
  record?: { entity: string; id: number };
  line: string;
  attempt: number;
}

/** In-process feed of the log lines of the runs this process executes (the scheduler publishes); Socket.IO fans it out. */
export class RunLogFeed {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(line: RunLogLine): void {
    this.emitter.emit('line', line);
  }
  subscribe(listener: (line: RunLogLine) => void): () => void {
    this.emitter.on('line', listener);
    return () => this.emitter.off('line', listener);
  }
}
