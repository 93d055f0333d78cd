// uniqueidentifier helpers. Values travel as upper-case GUID text, as mssql returns them.

export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_RE = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

export function isGuid(s: string): boolean {
  return GUID_RE.test(s);
}

/** Normalises GUID text; `0x00` and `0` (how T-SQL callers say "all jobs") become the nil GUID. */
export function normalizeGuid(s: string): string | undefined {
  const t = s.trim();
  if (/^0x0*$/i.test(t) || t === '0') return NIL_GUID;
  if (!isGuid(t)) return undefined;
  return t.replace(/[{}]/g, '').toUpperCase();
}

/**
 * SET-POLL and SYNC-TIME carry an int in object_id: CONVERT(uniqueidentifier, CONVERT(binary(16), @int)).
 * binary(16) pads on the left, so the value lands in the last four bytes, which GUID text does not
 * byte-swap (spec §3.3): 60 -> 00000000-0000-0000-0000-00000000003C, -60 -> ...-0000FFFFFFC4.
 */
export function encodeIntAsGuid(value: number): string {
  const hex = (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `00000000-0000-0000-0000-0000${hex}`;
}

export function decodeIntFromGuid(guid: string): number {
  return parseInt(guid.slice(-8), 16) | 0;
}

export function newGuid(random: () => number = Math.random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
