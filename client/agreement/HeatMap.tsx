interface Props {
  /** Caption read out before the table. */
  caption: string;
  /** Row and column labels (the same set on both axes). */
  labels: readonly string[];
  /** counts[row][column]. */
  counts: readonly (readonly number[])[];
  rowTitle: string;
  columnTitle: string;
}

/**
 * A square count matrix drawn as a heat map: a real table (screen readers walk it by row and
 * column headers) whose cells are shaded by count relative to the largest; the count is always
 * written in the cell, so the colour never carries information alone.
 */
export function HeatMap({ caption, labels, counts, rowTitle, columnTitle }: Props) {
  const max = Math.max(0, ...counts.flat());
  return (
    <table className="heat-map">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <td className="heat-corner">
            <span className="muted small">
              {rowTitle} ↓ / {columnTitle} →
            </span>
          </td>
          {labels.map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labels.map((rowLabel, row) => (
          <tr key={rowLabel}>
            <th scope="row">{rowLabel}</th>
            {labels.map((columnLabel, column) => {
              const count = counts[row]?.[column] ?? 0;
              const share = max === 0 ? 0 : count / max;
              return (
                <td
                  key={columnLabel}
                  className={`heat-cell${row === column ? ' diagonal' : ''}${share > 0.55 ? ' dark' : ''}`}
                  style={{ backgroundColor: `rgba(36, 87, 197, ${(share * 0.85).toFixed(3)})` }}
                  aria-label={`${rowLabel} against ${columnLabel}: ${count}`}
                >
                  {count}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
