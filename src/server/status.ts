// HTTP status for each error code of the contract, so a script can branch on either.
import type { ApiError } from '../api/contract';

const STATUS: Record<ApiError['code'], number> = {
  INVALID_PARAMS: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  NOT_CONNECTED: 409,
  // SQL Server, behind this server, did not answer or refused the login: a gateway's failure.
  CONNECTION_FAILED: 502,
  SQL_ERROR: 422,
  INTERNAL: 500,
};

export function httpStatusOf(code: ApiError['code']): number {
  return STATUS[code] ?? 500;
}
