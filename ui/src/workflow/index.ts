export { StateBadge } from './StateBadge.js';
export { WorkflowBar } from './WorkflowBar.js';
export { WorkflowTimeline } from './WorkflowTimeline.js';
export { isLockedField, workflowStateOf } from './workflowLookup.js';
