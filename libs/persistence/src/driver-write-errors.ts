export interface DriverWriteError {
  index?: number;
  code?: number;
  errmsg?: string;
  err?: { index?: number; code?: number; errmsg?: string };
}

/** The per-operation failures of a bulk write or insertMany error (the driver gives one alone as an object), if any. */
export function driverWriteErrors(error: unknown): DriverWriteError[] | undefined {
  const errors = (error as { writeErrors?: unknown }).writeErrors;
  if (!errors) return undefined;
  return (Array.isArray(errors) ? errors : [errors]) as DriverWriteError[];
}
