/**
 * The duration field type in the UI: what a shop-floor user types and reads
 * (hh:mm:ss, decimals of a second only when there are any), what goes on the
 * wire (HH:MM:SS.ffffff), the message for bad text and the range filter in the URL.
 */
import { describe, expect, it } from 'vitest';
import { durationField } from '../../ui/src/fields/duration.js';
import { parseListState, serializeListState, PAGE_SIZES } from '../../ui/src/list/listState.js';
import { toListInput } from '../../ui/src/list/listInput.js';
import type { FilterSpec } from '../../ui/src/list/filterSpec.js';
import { separatorsOf } from '../../ui/src/i18n/locale.js';
import { translate } from '../../ui/src/i18n/translate.js';
import type { FieldDescription } from '../../ui/src/model/modelTypes.js';

const sep = separatorsOf('pt-BR');
// The server's model lists `duration` once core/fields/ is merged; until then the description is built by hand.
const tempo = { name: 'tempo', type: 'duration', label: 'Tempo', stored: true } as unknown as FieldDescription;
const words = { sep, yes: 'Sim', no: 'Não', empty: '—' };

describe('duration field in forms and lists', () => {
  it('sends what was typed as the wire text HH:MM:SS.ffffff', () => {
    expect(durationField.toData(tempo, '1:30:00', sep)).toEqual({ value: '01:30:00.000000' });
    expect(durationField.toData(tempo, ' 01:30:00.25 ', sep)).toEqual({ value: '01:30:00.250000' });
    expect(durationField.toData(tempo, '130:00:00', sep)).toEqual({ value: '130:00:00.000000' });
    expect(durationField.toData(tempo, '', sep)).toEqual({ value: null });
  });

  it('refuses text that is not a duration with a message in both languages', () => {
    for (const bad of ['90 min', '01:60:00', '1:30', '01:30:00,5', '-01:00:00']) {
      expect(durationField.toData(tempo, bad, sep)).toEqual({ issue: { key: 'invalidDuration' } });
    }
    expect(translate('pt-BR', 'validation.invalidDuration')).toMatch(/hh:mm:ss.*01:30:00/);
    expect(translate('en', 'validation.invalidDuration')).toMatch(/hh:mm:ss.*01:30:00/);
  });

  it('shows hh:mm:ss, with the decimals of a second only when there are any', () => {
    expect(durationField.text(tempo, '01:30:00.000000', null, words)).toBe('01:30:00');
    expect(durationField.text(tempo, '00:00:01.500000', null, words)).toBe('00:00:01.5');
    expect(durationField.text(tempo, '130:05:09.000001', null, words)).toBe('130:05:09.000001');
    const source = { entity: {} as never, record: null, display: null, sep };
    expect(durationField.toInput(tempo, '01:30:00.000000', source)).toBe('01:30:00');
    expect(durationField.toInput(tempo, null, source)).toBe('');
    expect(durationField.numeric).toBe(true);
  });

  it('filters by a range kept readable in the URL and sent as wire text', () => {
    const filters: Record<string, FilterSpec> = { tempo: { kind: 'range', valueType: 'duration' } };
    const rules = { filters, sortable: [], pageSizes: PAGE_SIZES };
    expect(durationField.filter?.(tempo)).toEqual(filters.tempo);
    const state = parseListState('f.tempo=01:00:00..02:30:00.5', rules);
    expect(state.filters.tempo).toEqual({ kind: 'range', from: '01:00:00', to: '02:30:00.5' });
    expect(serializeListState(state)).toBe('f.tempo=01%3A00%3A00..02%3A30%3A00.5');
    expect(toListInput(state, filters, 50).filter).toEqual({ tempo: { between: ['01:00:00.000000', '02:30:00.500000'] } });
    expect(parseListState('f.tempo=1h..', rules).filters).toEqual({});
    expect(durationField.range?.parse('1:05:00', sep)).toEqual({ ok: true, value: '01:05:00' });
    expect(durationField.range?.parse('5 min', sep)).toEqual({ ok: false });
  });
});
