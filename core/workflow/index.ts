export { WorkflowService, type TransitionInput, type HistoryEntry, type AvailableTransition } from './workflowService.js';
export { checkLockedOnCreate, checkLockedOnUpdate } from './lockedFields.js';
