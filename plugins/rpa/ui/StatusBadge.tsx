/** A status as the shell's workflow badges draw it. */
export function StatusBadge({ label, color }: { label: string; color: string }) {
  return <span className={`state-badge state-${color}`}>{label}</span>;
}
