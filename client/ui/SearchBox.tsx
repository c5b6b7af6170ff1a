import { useId } from 'react';

interface Props {
  label: string;
  value: string;
  onChange: (text: string) => void;
  placeholder?: string;
}

/**
 * A list's search field. Escape clears it (the browser's own clear for type=search); the list
 * follows after a pause in typing (useListParams), so each key does not send a request.
 */
export function SearchBox({ label, value, onChange, placeholder = 'Search…' }: Props) {
  const id = useId();
  return (
    <label className="list-search" htmlFor={id}>
      {label}
      <input id={id} type="search" value={value} placeholder={placeholder} autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
