/**
 * One measured figure against its goal, as a line a reader cannot misread: "met" or
 * "MISSED". A missed goal also sets a failing exit code, so a script or a person running
 * the benchmark sees it without reading the numbers.
 */
export function goalLine(label: string, value: number, goal: number, unit: string, decimals = 1): string {
  const met = value <= goal;
  if (!met) process.exitCode = 1;
  return `${met ? 'met   ' : 'MISSED'}  ${label}: ${value.toFixed(decimals)} ${unit} (goal <= ${goal} ${unit})`;
}

/** Rounds every number of a table's rows, so console.table shows figures, not float noise. */
export function rounded<T extends Record<string, Record<string, number>>>(rows: T, decimals = 1): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(rows).map(([k, row]) => [k, Object.fromEntries(Object.entries(row).map(([c, v]) => [c, v.toFixed(decimals)]))]));
}
