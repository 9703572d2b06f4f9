/** A screen or block waiting for data; announced politely to screen readers. */
export function LoadingState({ text }: { text: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
