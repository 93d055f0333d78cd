// The one row a constant batch returns (serverInfo.ts, agentRegistry.ts), and its values as the
// driver hands them up (a number may come as a string, NULL as null or undefined).

/** The first row of the first non-empty result set; throws `missing` when there is none, which a real server never does. */
export function batchRow(recordsets: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>, missing: string): Record<string, unknown> {
  const row = recordsets.find((rs) => rs.length > 0)?.[0];
  if (!row) throw new Error(missing);
  return row;
}

/** An int column: null for NULL, '' or anything not a finite number. */
export function intOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
