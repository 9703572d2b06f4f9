import { Op, Sequelize, type WhereOptions } from 'sequelize';
import type { EntityModel, FieldModel } from '../../model/types.js';
import { toStoredValue } from '../values/convertValues.js';

/** Filter operators of the API contract. */
export const FILTER_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'between', 'isNull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type Filter = Record<string, unknown>;

const SYSTEM_FIELDS: Record<string, FieldModel> = {
  id: { name: 'id', type: 'integer', label: 'ID', stored: true },
  version: { name: 'version', type: 'integer', label: 'Versão', stored: true },
  created_at: { name: 'created_at', type: 'datetime', label: 'Criado em', stored: true },
  updated_at: { name: 'updated_at', type: 'datetime', label: 'Atualizado em', stored: true },
  created_by: { name: 'created_by', type: 'integer', label: 'Criado por', stored: true },
  updated_by: { name: 'updated_by', type: 'integer', label: 'Atualizado por', stored: true },
};

/** A declared or system field that has a column; undefined otherwise. */
export function filterableField(entity: EntityModel, name: string): FieldModel | undefined {
  const field = entity.fields[name] ?? SYSTEM_FIELDS[name];
  return field?.stored && field.type !== 'password' ? field : undefined;
}

/** API filter (already validated) → Sequelize where; values converted to their stored form. */
export function buildWhere(entity: EntityModel, filter: Filter | undefined, search?: string): WhereOptions {
  const parts: WhereOptions[] = [];
  for (const [name, given] of Object.entries(filter ?? {})) {
    const field = filterableField(entity, name)!;
    const ops = isOperatorObject(given) ? given : { eq: given };
    for (const [op, value] of Object.entries(ops)) parts.push(condition(entity.table, field, op as FilterOperator, value));
  }
  const term = search?.trim();
  if (term && entity.list.search.length > 0) {
    parts.push({ [Op.or]: entity.list.search.map((f) => containsWhere(entity.table, f, term)) });
  }
  return parts.length === 1 ? parts[0]! : { [Op.and]: parts };
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function condition(table: string, field: FieldModel, op: FilterOperator, value: unknown): WhereOptions {
  const stored = (v: unknown) => toStoredValue(field, v);
  const name = field.name;
  switch (op) {
    case 'eq':
      return { [name]: value === null ? { [Op.is]: null } : stored(value) };
    case 'ne':
      return value === null ? { [name]: { [Op.not]: null } } : { [Op.or]: [{ [name]: { [Op.ne]: stored(value) } }, { [name]: { [Op.is]: null } }] };
    case 'gt':
      return { [name]: { [Op.gt]: stored(value) } };
    case 'gte':
      return { [name]: { [Op.gte]: stored(value) } };
    case 'lt':
      return { [name]: { [Op.lt]: stored(value) } };
    case 'lte':
      return { [name]: { [Op.lte]: stored(value) } };
    case 'in':
      return { [name]: { [Op.in]: (value as unknown[]).map(stored) } };
    case 'between': {
      const [from, to] = value as [unknown, unknown];
      return { [name]: { [Op.between]: [stored(from), stored(to)] } };
    }
    case 'isNull':
      return { [name]: value ? { [Op.is]: null } : { [Op.not]: null } };
    case 'contains':
      return containsWhere(table, name, String(value));
  }
}

/**
 * Case-insensitive substring match. INSTR exists on SQLite, MySQL and Oracle
 * and, unlike LIKE, gives `%` and `_` in the user's text no special meaning.
 */
function containsWhere(table: string, column: string, text: string): WhereOptions {
  const col = Sequelize.col(`${table}.${column}`);
  return Sequelize.where(Sequelize.fn('instr', Sequelize.fn('lower', col), text.toLowerCase()), Op.gt, 0);
}
