/**
 * `ctx.files`: plugin code attaching content to a record's file field and
 * reading it back. The content is checked and stored where the code runs
 * (the server, or a job's worker thread, which streams into the same store);
 * the record side (the `platform.file` row, the field set through the entity
 * service, the read permission) is a FileHost, which a worker reaches
 * through one host call.
 */
import type { Transaction } from 'sequelize';
import type { AppModel, EntityModel } from '../model/types.js';
import type { OpenedRecordFile, PluginFiles, RecordFieldRef, Row, SessionUser } from '../plugin/types.js';
import type { FileStore } from '../plugin/fileStore.js';
import type { EntityServices } from '../service/entityServices.js';
import { entityKey } from '../service/declaredSql.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import { isFileField, type FileFieldModel } from './fileFields.js';
import { storeCheckedContent, type CheckedContent } from './fileContent.js';
import { checkMayWriteFiles, insertFileRow } from './uploadFile.js';
import { readableFileRow } from './recordFiles.js';

/** A record's field named by entity key (`module.entity`). */
export interface FieldRef {
  entity: string;
  id: number;
  field: string;
}

/** A record field's file, as the store finds it. */
export interface LocatedFile {
  hash: string;
  name: string;
  contentType: string;
  size: number;
}

/** The record side of `ctx.files`; its arguments and results are plain data, so a worker can reach it by message. */
export interface FileHost {
  /** The file in a field of a record the user may read (NotFoundError otherwise); null when the field is empty. */
  locate(ref: FieldRef): Promise<LocatedFile | null>;
  /** Records checked content as the field's file, through the entity service; the updated row. */
  attach(ref: FieldRef, content: CheckedContent, version?: number): Promise<Row>;
}

export function pluginFiles(model: AppModel, store: FileStore, module: string, user: SessionUser, host: FileHost): PluginFiles {
  return {
    async attach({ name, type, body, version, ...at }) {
      const { entity, field, ref } = fileFieldOf(model, module, at);
      checkMayWriteFiles(model, entity, user, ['update']);
      const content = await storeCheckedContent(store, field, { name, type, body });
      return host.attach(ref, content, version);
    },
    async open(at): Promise<OpenedRecordFile | null> {
      const file = await host.locate(fileFieldOf(model, module, at).ref);
      return file && { name: file.name, contentType: file.contentType, size: file.size, body: await store.open(file.hash) };
    },
  };
}

/** The record side on the server, as `user`, inside `tx` when the caller has one. */
export function serverFileHost(services: EntityServices, user: SessionUser, tx?: Transaction): FileHost {
  const { model, repos } = services;
  return {
    async locate(ref) {
      const { entity } = fileFieldOf(model, '', ref);
      const file = await readableFileRow(services, user, entity, ref.id, ref.field, tx);
      if (file === undefined) throw new NotFoundError(`${entity.label} ${ref.id} not found`);
      return file && { hash: String(file.hash), name: String(file.name), contentType: String(file.content_type), size: Number(file.size) };
    },
    attach(ref, content, version) {
      const { entity, field } = fileFieldOf(model, '', ref);
      const write = async (t: Transaction) => {
        const fileId = await insertFileRow(repos, entity, field, content, user, t);
        return services.service(entity.key).update(user, ref.id, { [field.name]: fileId }, version, t);
      };
      return tx ? write(tx) : repos.datasourceOf(entity.key).writeTransaction(write);
    },
  };
}

/** The entity and file field `at` names (relative to `module` unless `module.entity`), or the error plugin code gets. */
function fileFieldOf(model: AppModel, module: string, at: RecordFieldRef): { entity: EntityModel; field: FileFieldModel; ref: FieldRef } {
  const key = entityKey(module, at.entity);
  const entity = model.entities().find((e) => e.key === key);
  if (!entity) throw new NotFoundError(`No entity "${key}"`);
  const field = Object.hasOwn(entity.fields, at.field) ? entity.fields[at.field] : undefined;
  if (!isFileField(field)) throw ValidationError.field(at.field, `is not a file or image field of ${entity.key}`);
  return { entity, field, ref: { entity: entity.key, id: at.id, field: field.name } };
}

/** A FileHost call as a message: how a job's worker thread reaches the server's record side. */
export type FileHostCall = { action: 'locate'; ref: FieldRef } | { action: 'attach'; ref: FieldRef; content: CheckedContent; version?: number };

export function answerFileHostCall(host: FileHost, call: FileHostCall): Promise<unknown> {
  return call.action === 'locate' ? host.locate(call.ref) : host.attach(call.ref, call.content, call.version);
}

/** A FileHost whose calls are sent as messages (answered by answerFileHostCall). */
export function forwardingFileHost(send: (call: FileHostCall) => Promise<unknown>): FileHost {
  return {
    locate: (ref) => send({ action: 'locate', ref }) as Promise<LocatedFile | null>,
    attach: (ref, content, version) => send({ action: 'attach', ref, content, ...(version === undefined ? {} : { version }) }) as Promise<Row>,
  };
}
