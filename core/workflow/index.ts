export { WorkflowService, type TransitionInput, type HistoryEntry, type AvailableTransition } from './workflowService.js';
export { workflowFeature } from './workflowFeature.js';
