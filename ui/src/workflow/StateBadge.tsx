import type { WorkflowState } from '../model/modelTypes.js';

/** A workflow state as a coloured pill; the colour repeats what the label says, never replaces it. */
export function StateBadge({ state }: { state: WorkflowState }) {
  return <span className={`state-badge state-${state.color}`}>{state.label}</span>;
}
