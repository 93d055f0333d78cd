import { formatMessage, severityOf, type MessageNumber } from './messages';

/** An error as SQL Server reports it: a message number, a severity of 11 or more, and its text. */
export class SqlServerError extends Error {
  override readonly name = 'SqlServerError';
  constructor(
    readonly number: number,
    readonly severity: number,
    message: string,
    readonly state = 1,
    readonly procName?: string,
    readonly lineNumber?: number,
  ) {
    super(message);
  }

  /** Raise one of the catalogued messages, formatted the way SQL Server formats it. */
  static of(number: MessageNumber, ...args: Array<string | number | null | undefined>): SqlServerError {
    return new SqlServerError(number, severityOf(number), formatMessage(number, ...args));
  }

  toJSON(): { number: number; severity: number; state: number; message: string; procName?: string } {
    return { number: this.number, severity: this.severity, state: this.state, message: this.message, procName: this.procName };
  }
}

export function isSqlServerError(e: unknown): e is SqlServerError {
  return e instanceof SqlServerError;
}
