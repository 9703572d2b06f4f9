export { RunLog } from './RunLog.js';
export { RecordRuns } from './RecordRuns.js';
export { useRecordRuns, useRun, type JobRunView } from './runQueries.js';
export { publishRunLog, subscribeToRunLog, type RunLogEvent } from './runLogEvents.js';
