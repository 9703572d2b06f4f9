/**
 * The transition engine of one entity's workflow. A transition is one write
 * transaction: load the record the user may read, check role, state, version,
 * comment, input and conditions, run the plugin's beforeTransition hook, apply
 * the effects and the new state through a conditional UPDATE (state and
 * version must still be what was read), write the history row and the audit
 * entry, run afterTransition and the effect action. Any failure rolls all of
 * it back; the live event goes out only after commit.
 */
import type { Transaction } from 'sequelize';
import { fieldType } from '../fields/index.js';
import type { EntityModel, WorkflowModel, WorkflowTransitionModel } from '../model/types.js';
import type { Row, SessionUser, TransitionEvent } from '../plugin/types.js';
import { ConflictError, ForbiddenError, ValidationError, type Issue } from '../errors/index.js';
import { isAdmin, mayOnRow } from '../auth/permissions.js';
import type { EntityServices } from '../service/entityServices.js';
import { pluginContext } from '../service/pluginContext.js';
import { SYSTEM_USER } from '../service/systemUser.js';
import { failedConditions } from './conditions.js';

const HISTORY_ENTITY = 'platform.workflow_history';
const HISTORY_LIMIT = 200;

export interface TransitionInput {
  id: number;
  transition: string;
  comment?: string | null;
  /** When given, the record must still be at this version (what the user saw). */
  version?: number;
  /** Values of the transition's input fields. */
  input?: Row;
}

export interface HistoryEntry {
  id: number;
  transition: string;
  from: string;
  to: string;
  comment: string | null;
  /** User id; null for the system. */
  by: number | null;
  at: string;
}

/** A transition from the record's current state, and whether this user may take it now. */
export interface AvailableTransition {
  name: string;
  allowed: boolean;
  /** Why not: the user's roles, or the record's values (see `issues`). */
  reason: 'role' | 'conditions' | null;
  issues: Issue[];
}

export class WorkflowService {
  private readonly workflow: WorkflowModel;

  constructor(
    readonly entity: EntityModel,
    private readonly services: EntityServices,
  ) {
    if (!entity.workflow) throw new Error(`${entity.key} has no workflow`);
    this.workflow = entity.workflow;
  }

  private get service() {
    return this.services.service(this.entity.key);
  }

  /** In the caller's transaction when given (a plugin or seed), else in a new one. */
  transition(user: SessionUser, input: TransitionInput, outer?: Transaction): Promise<Row> {
    const t = this.transitionNamed(input.transition);
    return this.service.inTransaction(outer, async (tx) => {
      const previous = await this.service.get(user, input.id, tx);
      if (!this.mayTake(user, t, previous)) throw new ForbiddenError(`No permission to "${t.label}" ${this.entity.label} ${input.id}`);
      if (input.version !== undefined && input.version !== previous.version) throw this.service.stale(previous);
      const from = String(previous[this.workflow.field]);
      if (!t.from.includes(from))
        throw new ConflictError(`${this.entity.label} ${input.id} is "${this.stateLabel(from)}" now; "${t.label}" does not start there. Reload and try again`);
      const comment = input.comment?.trim() || null;
      if (t.comment === 'required' && !comment) throw ValidationError.field('comment', `is required to "${t.label}"`);
      const values = this.inputValues(t, input.input ?? {});
      const conditions = failedConditions(this.entity, t.conditions, { ...previous, ...values });
      if (conditions.length) throw new ValidationError(`Cannot "${t.label}": ${conditions.map((i) => `${i.path} ${i.message}`).join('; ')}`, conditions);
      const ctx = pluginContext(this.services, this.entity.module, user, tx);
      const event: TransitionEvent = { record: previous, transition: t.name, from, to: t.to, comment, input: values };
      await this.entity.hooks.beforeTransition?.({ ...event, ctx });
      const written = { ...values, ...this.effectValues(t, user), [this.workflow.field]: t.to };
      const record = await this.service.applyChange(user, previous, written, 'transition', { [this.workflow.field]: from }, tx).catch((e: unknown) => {
        throw inputPaths(e);
      });
      await this.writeHistory(user, t, record.id as number, from, comment, tx);
      const after = { ...event, record, previous, ctx };
      await this.entity.hooks.afterTransition?.(after);
      if (t.effects.action)
        await this.services.model.modules[this.entity.module]!.plugin!.workflowActions![t.effects.action]!({ ...after, entity: this.entity.name });
      return record;
    });
  }

  /** Transitions from the record's current state, each with whether this user may take it now. */
  async available(user: SessionUser, id: number): Promise<{ state: string; version: number; transitions: AvailableTransition[] }> {
    const record = await this.service.get(user, id);
    const state = String(record[this.workflow.field]);
    const transitions = Object.values(this.workflow.transitions)
      .filter((t) => t.from.includes(state))
      .map((t): AvailableTransition => {
        if (!this.mayTake(user, t, record)) return { name: t.name, allowed: false, reason: 'role', issues: [] };
        const issues = failedConditions(
          this.entity,
          t.conditions.filter((c) => !t.input.includes(c.field)),
          record,
        );
        return { name: t.name, allowed: issues.length === 0, reason: issues.length ? 'conditions' : null, issues };
      });
    return { state, version: record.version as number, transitions };
  }

  /** Newest first; needs read access to the record (row rules included). */
  async history(user: SessionUser, id: number): Promise<{ rows: HistoryEntry[] }> {
    await this.service.get(user, id);
    const found = await this.services.service(HISTORY_ENTITY).list(SYSTEM_USER, {
      filter: { module: this.entity.module, entity: this.entity.name, record_id: id },
      sort: '-id',
      pageSize: HISTORY_LIMIT,
    });
    return {
      rows: found.rows.map((r) => ({
        id: r.id as number,
        transition: r.transition as string,
        from: r.from_state as string,
        to: r.to_state as string,
        comment: (r.comment as string | null) ?? null,
        by: (r.created_by as number | null) ?? null,
        at: r.created_at as string,
      })),
    };
  }

  private transitionNamed(name: string): WorkflowTransitionModel {
    const t = this.workflow.transitions[name];
    if (!t) throw ValidationError.field('transition', `unknown transition "${name}"; known: ${Object.keys(this.workflow.transitions).join(', ')}`);
    return t;
  }

  /** Roles named by the transition; without any, whoever may update this record. Reading it was checked on load. */
  private mayTake(user: SessionUser, t: WorkflowTransitionModel, record: Row): boolean {
    if (isAdmin(user)) return true;
    if (t.roles) return t.roles.some((role) => role === '*' || user.roles.includes(role));
    return mayOnRow(this.entity, 'update', user, record);
  }

  /** Exactly the transition's input fields, each filled in. */
  private inputValues(t: WorkflowTransitionModel, given: Row): Row {
    const issues: Issue[] = [];
    for (const name of Object.keys(given)) if (!t.input.includes(name)) issues.push({ path: `input.${name}`, message: `is not an input of "${t.label}"` });
    for (const name of t.input)
      if (given[name] === undefined || given[name] === null || given[name] === '') issues.push({ path: `input.${name}`, message: 'is required' });
    if (issues.length) throw new ValidationError(issues.map((i) => `${i.path} ${i.message}`).join('; '), issues);
    return Object.fromEntries(t.input.map((name) => [name, given[name]]));
  }

  private effectValues(t: WorkflowTransitionModel, user: SessionUser): Row {
    const values: Row = { ...t.effects.set };
    const now = new Date();
    for (const name of t.effects.now) values[name] = fieldType(this.entity.fields[name]!.type).nowValue!({ now, timeZone: this.services.timeZone });
    for (const name of t.effects.currentUser) values[name] = user.id > 0 ? user.id : null;
    return values;
  }

  private async writeHistory(
    user: SessionUser,
    t: WorkflowTransitionModel,
    recordId: number,
    from: string,
    comment: string | null,
    tx: Transaction,
  ): Promise<void> {
    const now = new Date();
    const by = user.id > 0 ? user.id : null;
    const row = {
      module: this.entity.module,
      entity: this.entity.name,
      record_id: recordId,
      transition: t.name,
      from_state: from,
      to_state: t.to,
      comment,
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: by,
      updated_by: by,
    };
    await this.services.repos.writeBeside(
      this.entity.key,
      HISTORY_ENTITY,
      tx,
      (t2) => this.services.repos.repo(HISTORY_ENTITY).insert(row, t2),
      (e) => this.services.log.error({ err: e, entity: this.entity.key, id: recordId }, 'workflow history could not be written'),
    );
  }

  private stateLabel(state: string): string {
    return this.workflow.states.find((s) => s.name === state)?.label ?? state;
  }
}

/** Problems of input fields (bad values, rows the taker may not point at) are reported where the caller sent them: `input.<field>`. */
function inputPaths(e: unknown): unknown {
  const toInput = (text: string) => text.replace(/\bdata\./g, 'input.');
  if (e instanceof ValidationError)
    return new ValidationError(
      toInput(e.message),
      e.issues.map((i) => ({ ...i, path: toInput(i.path) })),
    );
  if (e instanceof ForbiddenError) return new ForbiddenError(toInput(e.message));
  return e;
}
