/** A manifest workflow → its model: labels and colours filled in, `"*"` expanded, locked fields listed. */
import type { WorkflowDef, WorkflowTransitionDef } from '../manifest/types.js';
import { ANY_STATE } from '../manifest/index.js';
import type { FieldModel, WorkflowModel, WorkflowTransitionModel } from './types.js';
import { choicesOf } from '../fields/index.js';

const DEFAULT_COLOR = 'gray';

/** Runs on a manifest the cross-checks accepted: the field is an enum whose values are the states. */
export function compileWorkflow(def: WorkflowDef, fields: Readonly<Record<string, FieldModel>>): WorkflowModel {
  const choices = choicesOf(fields[def.field]!);
  const values = choices?.values ?? Object.keys(def.states);
  const labels = choices?.labels ?? {};
  const transitions = Object.fromEntries(Object.entries(def.transitions).map(([name, t]) => [name, compileTransition(name, t, values)]));
  const effectFields = Object.values(transitions).flatMap((t) => [...Object.keys(t.effects.set), ...t.effects.now, ...t.effects.currentUser]);
  return {
    field: def.field,
    initial: def.initial,
    states: values.map((name) => ({ name, label: def.states[name]?.label ?? labels[name] ?? name, color: def.states[name]?.color ?? DEFAULT_COLOR })),
    transitions,
    locked: [...new Set([def.field, ...effectFields])],
  };
}

function compileTransition(name: string, t: WorkflowTransitionDef, states: readonly string[]): WorkflowTransitionModel {
  const from = t.from === ANY_STATE ? states.filter((s) => s !== t.to) : typeof t.from === 'string' ? [t.from] : t.from;
  return {
    name,
    label: t.label ?? name,
    from,
    to: t.to,
    ...(t.roles ? { roles: t.roles } : {}),
    conditions: t.conditions ?? [],
    input: t.input ?? [],
    comment: t.comment ?? 'none',
    effects: {
      set: t.effects?.set ?? {},
      now: t.effects?.now ?? [],
      currentUser: t.effects?.currentUser ?? [],
      ...(t.effects?.action ? { action: t.effects.action } : {}),
    },
  };
}
