import initSqlJs, { type Database, type SqlJsStatic, type Statement } from 'sql.js';

export type DbValue = string | number | null | Uint8Array;
export type DbRow = Record<string, DbValue>;

let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js is loaded once per process; its WASM ships inside the npm package. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/**
 * A small synchronous wrapper over one sql.js database: cached prepared statements, positional
 * parameters only (no value is ever pasted into SQL text), and nested transactions as savepoints.
 */
export class Db {
  private readonly cache = new Map<string, Statement>();
  private depth = 0;

  private constructor(private readonly db: Database) {
    this.applyPragmas();
  }

  static async create(data?: Uint8Array): Promise<Db> {
    const SQL = await loadSqlJs();
    return new Db(new SQL.Database(data));
  }

  /**
   * The database already lives in memory; a rollback journal as a file in sql.js's in-memory
   * file system only adds a file create/write/delete to every transaction. Kept in memory
   * instead, rollback still works (each procedure is atomic). sql.js resets pragmas on export.
   */
  private applyPragmas(): void {
    this.db.exec('PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY;');
  }

  private stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  all<T = DbRow>(sql: string, params: readonly DbValue[] = []): T[] {
    const s = this.stmt(sql);
    try {
      s.bind(params as DbValue[]);
      const rows: T[] = [];
      // Column names once per call, not per row (getAsObject asks for them on every row).
      let names: string[] | undefined;
      while (s.step()) {
        names ??= s.getColumnNames();
        const values = s.get();
        const row: Record<string, DbValue> = {};
        for (let i = 0; i < names.length; i++) row[names[i]] = values[i] as DbValue;
        rows.push(row as T);
      }
      return rows;
    } finally {
      s.reset();
    }
  }

  get<T = DbRow>(sql: string, params: readonly DbValue[] = []): T | undefined {
    const s = this.stmt(sql);
    try {
      s.bind(params as DbValue[]);
      return s.step() ? (s.getAsObject() as T) : undefined;
    } finally {
      s.reset();
    }
  }

  /** A single value from the first column of the first row. */
  value<T extends DbValue = DbValue>(sql: string, params: readonly DbValue[] = []): T | undefined {
    const s = this.stmt(sql);
    try {
      s.bind(params as DbValue[]);
      return s.step() ? (s.get()[0] as T) : undefined;
    } finally {
      s.reset();
    }
  }

  /** Runs a statement; returns the rows it changed. */
  run(sql: string, params: readonly DbValue[] = []): number {
    const s = this.stmt(sql);
    try {
      s.run(params as DbValue[]);
    } finally {
      s.reset();
    }
    return this.db.getRowsModified();
  }

  lastInsertId(): number {
    return Number(this.value('SELECT last_insert_rowid()'));
  }

  /** DDL and scripts without parameters. */
  script(sql: string): void {
    this.db.exec(sql);
  }

  /** Runs fn atomically: everything it wrote is undone if it throws. Nests as savepoints. */
  transaction<T>(fn: () => T): T {
    const name = `sp${this.depth}`;
    this.db.exec(this.depth === 0 ? 'BEGIN' : `SAVEPOINT ${name}`);
    this.depth++;
    try {
      const out = fn();
      this.depth--;
      this.db.exec(this.depth === 0 ? 'COMMIT' : `RELEASE ${name}`);
      return out;
    } catch (e) {
      this.depth--;
      this.db.exec(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${name}; RELEASE ${name}`);
      throw e;
    }
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Total rows changed since the database was opened; cheap "did anything change" probe. */
  totalChanges(): number {
    return Number(this.value('SELECT total_changes()'));
  }

  /** The whole database file. sql.js closes and reopens the database, so cached statements go. */
  export(): Uint8Array {
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
    const bytes = this.db.export();
    this.applyPragmas();
    return bytes;
  }

  close(): void {
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
    this.db.close();
  }
}
