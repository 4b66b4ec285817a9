/** A problem with a whole file (not one row): the route answers it with `status`. */
export class IngestFileError extends Error {
  constructor(
    readonly status: 400 | 413 | 422,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'IngestFileError';
  }
}
