import type { ReactNode } from 'react';
import { SearchBox } from './SearchBox.tsx';
import type { ListParams } from './useListParams.ts';

/**
 * The search form above a paged list: its search box, then its filters (FilterSelect). The view
 * lives in the URL and follows each change, so submitting (Enter in the box) does nothing.
 */
export function ListTools({
  label,
  searchLabel,
  placeholder,
  view,
  className,
  children,
}: {
  /** The form's accessible name ("Find accounts"). */
  label: string;
  searchLabel: string;
  placeholder?: string;
  view: Pick<ListParams<string, string>, 'search' | 'setSearch'>;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <form className={className ? `list-tools ${className}` : 'list-tools'} role="search" aria-label={label} onSubmit={(event) => event.preventDefault()}>
      <SearchBox label={searchLabel} value={view.search} onChange={view.setSearch} placeholder={placeholder} />
      {children}
    </form>
  );
}

/**
 * One filter of a list as a labelled select of `children` options. `fallback` is the value the list
 * takes without the filter ('': an "any" option): choosing it clears the filter from the URL.
 */
export function FilterSelect<Filter extends string>({
  view,
  name,
  label,
  fallback = '',
  children,
}: {
  view: Pick<ListParams<string, Filter>, 'filters' | 'setFilter'>;
  name: Filter;
  label: ReactNode;
  fallback?: string;
  children: ReactNode;
}) {
  return (
    <label>
      {label}
      <select value={view.filters[name] ?? fallback} onChange={(e) => view.setFilter(name, e.target.value === fallback ? null : e.target.value)}>
        {children}
      </select>
    </label>
  );
}
