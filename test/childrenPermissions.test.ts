/**
 * Inline children pass exactly the checks a direct call on the child entity
 * passes. Generated from the app models: for every entity with a children
 * field — in the repository's modules and in the fixture modules that have
 * one — each role of its module (plus a user with no role, and the admin)
 * adds, changes and removes an item through the parent's update, and does the
 * same directly on the child entity. Through the parent it is allowed exactly
 * when the parent's update and the direct operation are; a refusal is
 * FORBIDDEN and leaves the parent (its items and version) as it was. Sending
 * the items back as the UI does, unchanged, needs no item grant at all.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppModel } from '../core/app/index.js';
import { describeModelFor } from '../core/api/describeModel.js';
import type { AppModel, EntityModel, FieldModel } from '../core/model/types.js';
import { toFormValues, toRecordData, type FormContext } from '../ui/src/form/formValues.js';
import { findEntityByKey } from '../ui/src/model/entityLookup.js';
import { separatorsOf } from '../ui/src/i18n/locale.js';
import type { AppModelDescription } from '../ui/src/model/modelTypes.js';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { ApiCallError, trpcApi, type Api } from './support/api.js';
import { prepareFixtureModule } from './support/fixtureModule.js';
import { changeableField, isUserRelation, sampleValues, type SampleRefs } from './support/sampleRows.js';

type Sources = { manifestsDir: string; pluginsDir?: string };
const fixture = (name: string, plugins = false): Sources => ({
  manifestsDir: path.join(ROOT, 'test', 'fixtures', name, 'manifests'),
  ...(plugins ? { pluginsDir: path.join(ROOT, 'test', 'fixtures', name, 'plugins') } : {}),
});

const APPS: { name: string; sources?: Sources }[] = [
  { name: 'the repository modules' },
  { name: 'fixture arquivos', sources: fixture('files', true) },
  { name: 'fixture vendas', sources: fixture('rowrules') },
];

const OPS = ['add', 'change', 'remove', 'resend unchanged'] as const;
type Op = (typeof OPS)[number];
type Outcome = 'allowed' | string;

interface Persona {
  name: string;
  roles: string[];
}

interface ChildrenField {
  parent: EntityModel;
  field: FieldModel;
  child: EntityModel;
  foreignKey: string;
}

function childrenFieldsOf(model: AppModel): ChildrenField[] {
  return model.entities().flatMap((parent) =>
    Object.values(parent.fields)
      .filter((f) => f.type === 'children')
      .map((field) => ({ parent, field, child: model.entity(field.child!.entity), foreignKey: field.child!.foreignKey })),
  );
}

function personasOf(model: AppModel, fields: ChildrenField[]): Persona[] {
  const roles = [...new Set(fields.flatMap((f) => model.modules[f.parent.module]!.roles))];
  return [...roles.map((role) => ({ name: role, roles: [role] })), { name: 'sem_papel', roles: [] }, { name: 'admin', roles: ['admin'] }];
}

/** Every outcome, for the checks that the matrix can fail at all. */
const seen: { app: string; op: Op; parentAllowed: Outcome; direct: Outcome; nested: Outcome }[] = [];

// A fixture without plugins gets an empty plugins folder from prepareFixtureModule, so it is prepared before its model is built.
const PREPARED = await Promise.all(APPS.map((app) => (app.sources ? prepareFixtureModule(app.sources) : undefined)));
const MODELS = await Promise.all(
  PREPARED.map((module) => buildAppModel({ root: ROOT, manifestsDir: module?.options.manifestsDir, pluginsDir: module?.options.pluginsDir })),
);

async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return 'allowed';
  } catch (e) {
    if (e instanceof ApiCallError) return e.code;
    throw e;
  }
}

describe.each(APPS.map((app, i) => ({ name: app.name, module: PREPARED[i], model: MODELS[i]! })))(
  'children through their parent: $name',
  ({ name, module, model }) => {
    const fields = childrenFieldsOf(model);
    const personas = personasOf(model, fields);
    const cases = fields.flatMap((f) =>
      personas.flatMap((persona) => OPS.map((op) => ({ label: `${persona.name}: ${op} ${f.child.key} in ${f.parent.key}.${f.field.name}`, f, persona, op }))),
    );

    let platform: TestPlatform;
    let admin: Api;
    let description: AppModelDescription;
    const users: Record<string, { id: number; api: Api }> = {};
    const madeTargets = new Map<string, number>();

    beforeAll(async () => {
      platform = await startTestPlatform({}, module?.options ?? {});
      const session = await login(platform.url, ADMIN.email, ADMIN.password);
      admin = trpcApi(platform.url, session.token);
      users.admin = { id: session.user.id, api: admin };
      for (const persona of personas.filter((p) => p.name !== 'admin')) {
        const signedIn = await createUserAndLogin(platform.url, session.token, `${persona.name}@children.test`, persona.roles);
        users[persona.name] = { id: signedIn.user.id, api: trpcApi(platform.url, signedIn.token) };
      }
      description = JSON.parse(JSON.stringify(describeModelFor(model, { id: session.user.id, email: ADMIN.email, name: 'Admin', roles: ['admin'] }, 'UTC')));
    });

    afterAll(async () => {
      await platform?.close();
      await module?.remove();
    });

    it('the matrix is not empty', () => expect(cases.length).toBeGreaterThan(0));

    /** Relations of sample rows: people are the persona (row rules such as `responsavel: $user.id`), anything else one row made by the admin. */
    function refsFor(personaId: number): SampleRefs {
      const refs: SampleRefs = {
        async relation(field) {
          if (isUserRelation(field)) return personaId;
          const target = model.entity(field.target!);
          if (!madeTargets.has(target.key))
            madeTargets.set(target.key, (await admin.mutate(`${target.key}.create`, { data: await sampleValues(target, refs) })).id);
          return madeTargets.get(target.key)!;
        },
      };
      return refs;
    }

    async function parentWithOneItem(f: ChildrenField, personaId: number): Promise<any> {
      const refs = refsFor(personaId);
      const data = { ...(await sampleValues(f.parent, refs)), [f.field.name]: [await sampleValues(f.child, refs, f.foreignKey)] };
      return admin.mutate(`${f.parent.key}.create`, { data });
    }

    /** The item list exactly as the UI's form sends it on save: every row whole, with its id. */
    function itemsAsTheFormSends(f: ChildrenField, record: Record<string, unknown>): unknown {
      const entity = findEntityByKey(description, f.parent.key)!;
      const ctx: FormContext = {
        sep: separatorsOf('pt-BR'),
        childEntity: (key) => findEntityByKey(description, key),
        today: '2024-03-05',
        now: '2024-03-05T12:00:00.000Z',
      };
      return toRecordData(entity, toFormValues(entity, record as never, ctx), ctx, 'create').data[f.field.name];
    }

    it.each(cases)('$label', async ({ f, persona, op }) => {
      const { api, id: personaId } = users[persona.name]!;
      const [nestedParent, directParent, probe] = [
        await parentWithOneItem(f, personaId),
        await parentWithOneItem(f, personaId),
        await parentWithOneItem(f, personaId),
      ];
      const items = f.field.name;
      const [item, directItem] = [nestedParent[items][0], directParent[items][0]];
      const changed = changeableField(f.child, f.foreignKey);
      const newValue = `alterado por ${persona.name}`;
      const newItem = await sampleValues(f.child, refsFor(personaId), f.foreignKey);
      const get = (id: number) => admin.query(`${f.parent.key}.get`, { id });
      const update = (id: number, list: unknown) => api.mutate(`${f.parent.key}.update`, { id, data: { [items]: list } });

      const parentAllowed = await outcomeOf(api.mutate(`${f.parent.key}.update`, { id: probe.id, data: {} }));
      const nestedCall: Record<Op, () => Promise<unknown>> = {
        add: () => update(nestedParent.id, [{ id: item.id }, newItem]),
        change: () => update(nestedParent.id, [{ id: item.id, [changed]: newValue }]),
        remove: () => update(nestedParent.id, []),
        'resend unchanged': () => update(nestedParent.id, itemsAsTheFormSends(f, nestedParent)),
      };
      const directCall: Record<Op, () => Promise<unknown>> = {
        add: () => api.mutate(`${f.child.key}.create`, { data: { ...newItem, [f.foreignKey]: directParent.id } }),
        change: () => api.mutate(`${f.child.key}.update`, { id: directItem.id, data: { [changed]: newValue } }),
        remove: () => api.mutate(`${f.child.key}.delete`, { id: directItem.id }),
        // Nothing to do directly: an unchanged item is no operation on the child.
        'resend unchanged': async () => undefined,
      };
      const direct = await outcomeOf(directCall[op]());
      const nested = await outcomeOf(nestedCall[op]());
      seen.push({ app: name, op, parentAllowed, direct, nested });

      for (const outcome of [parentAllowed, direct, nested]) expect(['allowed', 'FORBIDDEN']).toContain(outcome);
      expect({ nested }).toEqual({ nested: parentAllowed === 'allowed' && direct === 'allowed' ? 'allowed' : 'FORBIDDEN' });

      const [nestedAfter, directAfter] = [await get(nestedParent.id), await get(directParent.id)];
      if (direct !== 'allowed') expect(directAfter).toEqual(directParent);
      if (nested !== 'allowed') return expect(nestedAfter).toEqual(nestedParent);
      expect(nestedAfter.version).toBe(nestedParent.version + 1);
      const after = nestedAfter[items];
      if (op === 'add') expect(after.map((i: any) => i.id)).toEqual([item.id, expect.any(Number)]);
      if (op === 'change')
        expect(after).toEqual([{ ...item, [changed]: newValue, version: item.version + 1, updated_at: expect.any(String), updated_by: personaId }]);
      if (op === 'remove') expect(after).toEqual([]);
      if (op === 'resend unchanged') expect(after).toEqual(nestedParent[items]);
    });

    it('each operation is allowed to some and refused to others', () => {
      const mine = seen.filter((s) => s.app === name);
      for (const op of OPS) expect([op, [...new Set(mine.filter((s) => s.op === op).map((s) => s.nested))].sort()]).toEqual([op, ['FORBIDDEN', 'allowed']]);
    });
  },
);

it('some role may update a parent but not write its items (the case inline children used to let through)', () => {
  expect(seen.some((s) => s.parentAllowed === 'allowed' && s.direct === 'FORBIDDEN' && s.nested === 'FORBIDDEN')).toBe(true);
});
