/** Workflow facts of an entity description — pure lookups, no React. */
import type { EntityDescription, WorkflowState, WorkflowTransition } from '../model/modelTypes.js';

/** The state a value of the entity's workflow field stands for; undefined for any other field. */
export function workflowStateOf(entity: EntityDescription, field: string, value: unknown): WorkflowState | undefined {
  const workflow = entity.workflow;
  if (!workflow || workflow.field !== field) return undefined;
  return workflow.states.find((s) => s.name === value);
}

/** Fields only transitions change: shown, never edited, never sent by forms. */
export function isLockedField(entity: EntityDescription, field: string): boolean {
  return entity.workflow?.locked.includes(field) ?? false;
}

export function transitionNamed(entity: EntityDescription, name: string): WorkflowTransition | undefined {
  return entity.workflow?.transitions.find((t) => t.name === name);
}
