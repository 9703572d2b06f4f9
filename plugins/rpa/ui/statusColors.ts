/**
 * Colours of processo states (the manifest's workflow colours, as the shell's
 * badges draw them) and of execução states, for charts and badges.
 */
import type { EntityDescription } from '#ui-plugin';

/** The shell's badge colours (light theme), readable on both themes as chart fills. */
const HEX: Record<string, string> = {
  gray: '#6b7280',
  blue: '#2f6fdb',
  amber: '#d9931e',
  green: '#2a9d6f',
  red: '#d64545',
  purple: '#7a5af5',
  teal: '#0f9488',
};

/** The processo workflow's states in order, with their labels and colour names. */
export function processoStates(processo: EntityDescription | undefined): { name: string; label: string; color: string }[] {
  return [...(processo?.workflow?.states ?? [])];
}

export const chartFill = (color: string): string => HEX[color] ?? HEX.gray!;

/** Execução statuses by how they went. */
export const EXECUCAO_COLOR: Record<string, string> = {
  EXECUTANDO: 'blue',
  CONCLUIDO: 'green',
  FALHOU: 'red',
  TENTANDO_NOVAMENTE: 'amber',
  CANCELADO: 'gray',
  TIMEOUT: 'red',
};

/** An enum field's label for a value (the manifest's `labels`), or the value itself. */
export function enumLabel(entity: EntityDescription | undefined, field: string, value: string): string {
  const labels = entity?.fields.find((f) => f.name === field)?.labels as Record<string, string> | undefined;
  return labels?.[value] ?? value;
}
