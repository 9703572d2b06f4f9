export { WorkflowService, type TransitionInput, type HistoryEntry, type AvailableTransition } from './workflowService.js';
export { workflowExtension } from './workflowExtension.js';
