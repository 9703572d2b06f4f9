import { useEffect, useId, useState } from 'react';
import { Icon } from '../components/Icon.js';
import { useDebounced } from '../components/useDebounced.js';

/** The list's search box: searches once typing pauses, or at once on Enter; follows the URL on back/forward. */
export function SearchBox({ value, label, onSearch }: { value: string; label: string; onSearch(v: string): void }) {
  const id = useId();
  const [text, setText] = useState(value);
  const settled = useDebounced(text, 300);
  useEffect(() => setText(value), [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: searches only once the typed text settles, not when the value or the callback changes.
  useEffect(() => {
    if (settled.trim() !== value) onSearch(settled.trim());
  }, [settled]);
  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <Icon name="search" />
      <input
        id={id}
        type="search"
        placeholder={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onSearch(text.trim())}
      />
    </div>
  );
}
