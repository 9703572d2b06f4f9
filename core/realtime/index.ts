export { ChangeFeed, type ChangeEvent } from '../service/changeFeed.js';
export { attachRealtime, type Realtime, type RealtimeOptions } from './attachRealtime.js';
export { RunLogFeed, type RunLogLine } from './runLogFeed.js';
export type { RealtimeServer, RealtimeSocket, RealtimeSocketData, RunLogEvent, ServerToClientEvents } from './types.js';
