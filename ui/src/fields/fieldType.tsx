/**
 * What the UI knows about one field type, in one place: its form control, how
 * a wire value becomes the control's value and back, its text for people, its
 * list filter and its layout hints. Each type fills one `FieldTypeUi` in its own
 * file (ui/src/fields/<type>.tsx); `defineFieldType` supplies the behaviour most
 * types share (plain text in, plain text out).
 */
import type { ComponentType, InputHTMLAttributes } from 'react';
import type { ControllerRenderProps } from 'react-hook-form';
import type { FieldTypeName } from '../../../core/fields/index.js';
import type { FieldIssue } from '../form/fieldIssue.js';
import type { MessageKey } from '../i18n/translate.js';
import type { NumberSeparators } from '../i18n/locale.js';
import type { AppModelDescription, EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';

/** A form's values by field name, as react-hook-form holds them. */
export type FormValues = Record<string, unknown>;

export type SaveMode = 'create' | 'update';

export interface FormContext {
  sep: NumberSeparators;
  /** A child entity by key (`module.entity`), for children fields. */
  childEntity(key: string): EntityDescription | undefined;
  /** Today, `YYYY-MM-DD`, for `"default": "now"` dates. */
  today: string;
  /** Now, ISO-8601, for `"default": "now"` datetimes. */
  now: string;
}

export type { FieldTypeName };

/** What every form control receives: the field, its react-hook-form binding and the attributes native inputs share. */
export interface ControlProps {
  field: FieldDescription;
  id: string;
  input: ControllerRenderProps<FormValues, string>;
  /** The bound value when it is text ('' otherwise). */
  text: string;
  invalid: boolean;
  /** id, name, onBlur and the ARIA attributes, for a native input. */
  common: InputHTMLAttributes<HTMLElement> & { id: string; name: string; onBlur(): void };
  model: AppModelDescription;
  describedBy?: string;
  ariaLabel?: string;
  compact?: boolean;
}

/** What a read-only value is shown with, when it is more than text (a file, a progress bar). */
export interface DisplayProps {
  entity: EntityDescription;
  field: FieldDescription;
  row: RecordRow;
  value: unknown;
  /** The value's text (what is shown when the type has nothing more to show). */
  text: string;
  /** `cell`: inside a table row; `detail`: in the record view. */
  variant: 'cell' | 'detail';
}

export interface ValueTextOptions {
  sep: NumberSeparators;
  yes: string;
  no: string;
  /** Text for an empty value. */
  empty: string;
}

/** Where a wire value becomes a control's value: the record and the entity it belongs to. */
export interface InputSource {
  entity: EntityDescription;
  record: RecordRow | null;
  display: string | null;
  sep: NumberSeparators;
}

export type ValueResult = { value: unknown } | { issue: Omit<FieldIssue, 'path'> };

export type ParseResult = { ok: true; value: string | null } | { ok: false };

/** One end of a range filter: its text in the URL (API notation), on screen and in the list input. */
export interface RangeBound {
  /** What the URL may carry. */
  urlPattern: RegExp;
  /** The calendar input (dd/mm/aaaa), or a plain box with this keyboard. */
  input: 'calendar' | 'decimal' | 'text';
  show(value: string, sep: NumberSeparators): string;
  /** Screen text → URL text; null for an empty box. */
  parse(text: string, sep: NumberSeparators): ParseResult;
  /** URL text → the list procedure's operand; `end` for the upper bound. */
  toApi(value: string, end: boolean): unknown;
}

/** The filter a list column gets; the controls for each kind live in ui/src/list/FilterControl.tsx. */
export type FilterSpec =
  | { kind: 'text' }
  | { kind: 'enum'; values: string[]; labels: Record<string, string> }
  | { kind: 'range'; valueType: FieldTypeName }
  | { kind: 'boolean' }
  | { kind: 'relation'; target: string };

export interface FieldTypeUi {
  /** How a form treats the field: an input, a read-only computed value, or rows edited inline. */
  form: 'input' | 'computed' | 'rows';
  /** The form control (form.input fields only). */
  Control: ComponentType<ControlProps>;
  /** The value when a new record is opened. */
  defaultValue(field: FieldDescription, ctx: { today: string; now: string }): unknown;
  /** Wire value → control value. */
  toInput(field: FieldDescription, value: unknown, source: InputSource): unknown;
  /** Control value → wire value (undefined: leave the field out), or why it cannot be sent. */
  toData(field: FieldDescription, input: unknown, sep: NumberSeparators): ValueResult;
  /** A non-empty value as text for people. */
  text(field: FieldDescription, value: unknown, display: string | null | undefined, o: ValueTextOptions): string;
  /** Shown instead of the text on read-only screens, when the type needs more than text. */
  Display?: ComponentType<DisplayProps>;
  /** The list filter, or none. */
  filter?(field: FieldDescription): FilterSpec | null;
  /** How a range filter reads and writes its bounds (types whose filter is a range). */
  range?: RangeBound;
  /** A hint under the form control. */
  hint?(mode: SaveMode): MessageKey | undefined;
  /** A computed field behaves like what it returns. */
  behavesAs?(field: FieldDescription): FieldTypeName;
  /** Numbers line up on the right. */
  numeric: boolean;
  /** Takes a whole form row and detail row (long text). */
  wide: boolean;
  /** Shown on the detail page (passwords are not). */
  inDetail: boolean;
  /** Extra class of the form field wrapper. */
  fieldClass?: string;
  /** Class of its list and table cells when not numeric. */
  cellClass?: string;
  /** Class of its column header in an inline children table. */
  childColumnClass?: string;
}

/** No value on the wire. */
export const isEmpty = (value: unknown): boolean => value === null || value === undefined;

/** A plain text box: the control of types that need nothing more. */
export function TextControl({ common, input, text }: ControlProps) {
  return <input {...common} ref={input.ref} type="text" value={text} onChange={input.onChange} />;
}

const SHARED: FieldTypeUi = {
  form: 'input',
  Control: TextControl,
  defaultValue: (field) => field.default ?? null,
  toInput: (_field, value) => (isEmpty(value) ? '' : String(value)),
  toData: (_field, input) => {
    const text = typeof input === 'string' ? input : '';
    return { value: text === '' ? null : text };
  },
  // A computed string may name its values like an enum does.
  text: (field, value) => field.labels?.[String(value)] ?? String(value),
  numeric: false,
  wide: false,
  inDetail: true,
};

/** A field type from what differs from the shared behaviour. */
export function defineFieldType(own: Partial<FieldTypeUi>): FieldTypeUi {
  return { ...SHARED, ...own };
}

/** Trimmed text, null when blank (strings, emails). */
export function trimmedText(input: unknown): ValueResult {
  const text = typeof input === 'string' ? input.trim() : '';
  return { value: text === '' ? null : text };
}
