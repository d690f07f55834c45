/**
 * Serializes rows as RFC 4180 CSV. Cells that a spreadsheet would run as a formula get a
 * leading quote, so exported reasons cannot inject formulas.
 *
 * @internal
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | undefined>>,
): string {
  const cell = (value: string | number | boolean | undefined): string => {
    let text = value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) {
      text = `'${text}`;
    }
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map(row => row.map(cell).join(',')).join('\r\n');
}
