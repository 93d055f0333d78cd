// Product versions: '16.0.1000.6' and @@microsoftversion (major << 24 | minor << 16 | build).

export interface ProductVersion {
  major: number;
  minor: number;
  build: number;
}

export function parseProductVersion(s: string): ProductVersion {
  const [major = 0, minor = 0, build = 0] = s.split('.').map((p) => parseInt(p, 10) || 0);
  return { major, minor, build };
}

export function toMicrosoftVersion(v: ProductVersion | string): number {
  const p = typeof v === 'string' ? parseProductVersion(v) : v;
  return ((p.major & 0xff) * 0x1000000) + ((p.minor & 0xff) << 16) + (p.build & 0xffff);
}

export function fromMicrosoftVersion(n: number): ProductVersion {
  return { major: Math.floor(n / 0x1000000) & 0xff, minor: (n >>> 16) & 0xff, build: n & 0xffff };
}

export function formatVersion(v: ProductVersion): string {
  return `${v.major}.${v.minor}.${v.build}`;
}

/** Marketing names DBAs use for major versions. */
export function productName(major: number): string {
  const names: Record<number, string> = { 9: '2005', 10: '2008', 11: '2012', 12: '2014', 13: '2016', 14: '2017', 15: '2019', 16: '2022', 17: '2025' };
  return names[major] ? `SQL Server ${names[major]}` : `SQL Server ${major}.0`;
}
