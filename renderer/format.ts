// How the page shows values that arrive as JSON.

/**
 * `2026-11-02T09:00:00.000Z` → `2026-11-02 09:00:00`, as SSMS shows a datetime. A SQL Server
 * datetime crosses the wire as an ISO string whose fields are the server's wall clock (the "Z"
 * is not a zone, see src/msx/datetime.ts), so its digits are shown as they are.
 */
export function sqlDatetimeText(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}
