export { ChangeFeed, type ChangeEvent } from '../service/changeFeed.js';
export { attachRealtime, type Realtime, type RealtimeOptions } from './attachRealtime.js';
export type { RealtimeServer, RealtimeSocket, RealtimeSocketData, ServerToClientEvents } from './types.js';
