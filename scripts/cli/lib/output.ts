// Plain-text output helpers: aligned tables and key/value blocks for the terminal.

const width = (text: string): number => [...text].length;

const pad = (text: string, to: number): string => text + ' '.repeat(Math.max(0, to - width(text)));

/** Rows of cells with every column as wide as its widest cell. */
export const alignColumns = (rows: readonly (readonly string[])[]): string[] => {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((cells) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
};

/** Columns aligned on the widest cell; a header row underlined with dashes. */
export const formatTable = (headers: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  return alignColumns([headers, widths.map((w) => '-'.repeat(w)), ...rows]).join('\n');
};

/** `label  value` lines with the values aligned, indented by two spaces. */
export const formatFields = (fields: readonly (readonly [string, string])[], minLabelWidth = 0): string => {
  const labelWidth = Math.max(minLabelWidth, ...fields.map(([label]) => width(label)));
  return fields.map(([label, value]) => `  ${pad(label, labelWidth)}  ${value}`).join('\n');
};
