/**
 * `create` with an `Idempotency-Key`, so a client that retries a create whose
 * answer it never saw gets the record it made instead of a second one. The
 * key (scoped to the user), the procedure, a hash of the input and the new
 * record's id are written in the create's own transaction: the key exists
 * exactly when the record does. A repeat with the same input returns that
 * record, also while the first call is still running (the unique key decides,
 * the repeat reads the winner's result); the same key with another input is a
 * CONFLICT. Keys count for 24 hours; the platform's cleanup job deletes them after.
 */
import { createHash } from 'node:crypto';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Row, SessionUser } from '../plugin/types.js';
import { ConflictError, ValidationError } from '../errors/index.js';
import { parseStoredDate } from '../values/storedDate.js';
import type { StoredRow } from '../db/repository/entityRepository.js';
import type { EntityServices } from './entityServices.js';

export const IDEMPOTENCY_ENTITY = 'platform.idempotency_key';
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
const KEY_PATTERN = /^[\x20-\x7e]{1,200}$/;

interface Claim {
  entityKey: string;
  key: string;
  procedure: string;
  inputHash: string;
}

/** A concurrent call with the same key committed first; its record is read on a second try. */
class KeyTaken extends ConflictError {
  constructor() {
    super('Another request with this Idempotency-Key is still being processed; retry it');
  }
}

/** Creates the record, or with a key already used for this input returns the record that call created. */
export async function createOnce(services: EntityServices, entityKey: string, user: SessionUser, data: Row, idempotencyKey: string | undefined): Promise<Row> {
  const service = services.service(entityKey);
  if (idempotencyKey === undefined) return service.create(user, data);
  if (!KEY_PATTERN.test(idempotencyKey)) throw ValidationError.field('Idempotency-Key', 'must be 1 to 200 printable ASCII characters');
  const claim: Claim = { entityKey, key: `${user.id}:${idempotencyKey}`, procedure: `${entityKey}.create`, inputHash: hashOf(data) };
  const keysDs = services.repos.datasourceOf(IDEMPOTENCY_ENTITY);
  // On a database of its own, the record's transaction holds the key's: a key taken meanwhile still undoes the record.
  const claimed = (tx: Transaction) =>
    keysDs === services.repos.datasourceOf(entityKey)
      ? createClaimed(services, claim, user, data, { record: tx, keys: tx })
      : keysDs.writeTransaction((keys) => createClaimed(services, claim, user, data, { record: tx, keys }));
  const attempt = () => service.inTransaction(undefined, claimed);
  try {
    return await attempt();
  } catch (e) {
    // Only server databases run writes side by side; there the loser's insert meets the winner's key and rolls back.
    if (e instanceof KeyTaken) return attempt();
    throw e;
  }
}

async function createClaimed(
  services: EntityServices,
  claim: Claim,
  user: SessionUser,
  data: Row,
  tx: { record: Transaction; keys: Transaction },
): Promise<Row> {
  const keys = services.repos.repo(IDEMPOTENCY_ENTITY);
  const now = new Date();
  const [found] = await keys.rowsWhere({ key: claim.key }, 1, tx.keys);
  if (found && parseStoredDate(found.expires_at) > now) return replay(services, claim, found, user, tx.record);
  if (found) await keys.delete(found.id, tx.keys);
  const record = await services.service(claim.entityKey).create(user, data, tx.record);
  const row = {
    key: claim.key,
    user: user.id,
    procedure: claim.procedure,
    input_hash: claim.inputHash,
    record_id: record.id,
    expires_at: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
  };
  try {
    await keys.insert({ ...row, version: 1, created_at: now, updated_at: now, created_by: user.id, updated_by: user.id }, tx.keys);
  } catch (e) {
    throw e instanceof UniqueConstraintError ? new KeyTaken() : e;
  }
  return record;
}

function replay(services: EntityServices, claim: Claim, found: StoredRow, user: SessionUser, tx: Transaction): Promise<Row> {
  if (found.procedure !== claim.procedure || found.input_hash !== claim.inputHash) {
    throw new ConflictError('This Idempotency-Key was already used for a different request; send a new key with a new request');
  }
  return services.service(claim.entityKey).get(user, Number(found.record_id), tx);
}

/** The same input hashes the same whatever the order of its keys. */
function hashOf(data: Row): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
