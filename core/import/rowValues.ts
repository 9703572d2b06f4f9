/**
 * One CSV record → the `data` a create or update receives. Each cell's text
 * becomes its field's wire value as the field type reads CSV text (the
 * registry's `csv.parse`); enum cells match a value or its label; relation
 * cells name the target record by its display field or one of its unique
 * fields (looked up as the importing user, once per distinct text).
 */
import type { EntityModel, FieldModel } from '../model/types.js';
import type { Row, SessionUser } from '../plugin/types.js';
import type { EntityServices } from '../service/entityServices.js';
import { choicesOf, fieldType, isWriteOnlyText, type CsvReadFormat } from '../fields/index.js';
import { matchText, type ColumnMapping } from './columnMapping.js';

export interface RowIssue {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: number;
  /** The field, or null for the row as a whole. */
  field: string | null;
  message: string;
}

export interface ReadRow {
  data: Row;
  /** Relation fields → the text that named the target, for the preview. */
  display: Record<string, string>;
  issues: RowIssue[];
}

/** What a cell holds when the record is an update and the cell is empty: a secret stays as it is, everything else is cleared. */
type EmptyCell = 'omit' | 'clear';

export class RowReader {
  private readonly targets = new Map<string, Promise<number | string>>();

  constructor(
    private readonly services: EntityServices,
    private readonly entity: EntityModel,
    private readonly user: SessionUser,
    private readonly mapping: ColumnMapping,
    private readonly format: CsvReadFormat,
  ) {}

  /** `empty`: omit empty cells (a create: defaults apply) or clear their fields (an update: the file is the truth). */
  async read(row: number, cells: readonly string[], empty: 'omit' | 'clear'): Promise<ReadRow> {
    const result: ReadRow = { data: {}, display: {}, issues: [] };
    for (const [i, name] of this.mapping.entries()) {
      if (!name) continue;
      const field = this.entity.fields[name]!;
      const text = (cells[i] ?? '').trim();
      if (text === '') {
        if (emptyCell(field, empty) === 'clear') result.data[name] = null;
        continue;
      }
      try {
        result.data[name] = await this.cellValue(field, text);
        if (field.target !== undefined) result.display[name] = text;
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        result.issues.push({ row, field: name, message: e.message });
      }
    }
    return result;
  }

  private cellValue(field: FieldModel, text: string): Promise<unknown> | unknown {
    if (field.target !== undefined) return this.targetId(field, text);
    const choices = choicesOf(field);
    if (choices) return choiceValue(choices, text);
    return fieldType(field.type).csv?.parse?.(field, text, this.format) ?? text;
  }

  private async targetId(field: FieldModel, text: string): Promise<number | string> {
    const key = `${field.name}\u0000${text}`;
    let found = this.targets.get(key);
    if (!found) {
      found = this.lookUp(field.target!, text);
      this.targets.set(key, found);
    }
    return found;
  }

  /** Unique fields first (one record at most), then the display field (which must name exactly one). */
  private async lookUp(targetKey: string, text: string): Promise<number> {
    const target = this.services.model.entity(targetKey);
    const unique = target.columns.filter((f) => 'unique' in f && f.unique).map((f) => f.name);
    const fields = [...new Set([...unique, target.display])];
    const service = this.services.service(targetKey);
    for (const name of fields) {
      const field = target.fields[name] ?? { name: 'id', type: 'integer', label: 'ID', stored: true };
      let value: unknown;
      try {
        value = fieldType(field.type).csv?.parse?.(field, text, this.format) ?? text;
      } catch {
        continue; // not a value of this field: maybe of the next
      }
      const { rows } = await service.list(this.user, { filter: { [name]: value as string }, pageSize: 2 });
      if (rows.length === 1) return rows[0]!.id as number;
      if (rows.length > 1) throw new RangeError(`${rows.length} ${target.labelPlural} are "${text}"; name one by ${unique.join(' or ') || 'its id'}`);
    }
    throw new RangeError(`no ${target.label} "${text}"`);
  }
}

function emptyCell(field: FieldModel, empty: EmptyCell): EmptyCell {
  return isWriteOnlyText(field.type) ? 'omit' : empty;
}

function choiceValue(choices: { values: readonly string[]; labels: Readonly<Record<string, string>> }, text: string): string {
  const wanted = matchText(text);
  const value = choices.values.find((v) => v === text) ?? choices.values.find((v) => matchText(v) === wanted || matchText(choices.labels[v] ?? '') === wanted);
  if (value === undefined) {
    const names = choices.values.map((v) => choices.labels[v] ?? v);
    throw new RangeError(`"${text}" is not one of ${names.join(', ')}`);
  }
  return value;
}
