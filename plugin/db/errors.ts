/** The store could not open or write its database (disk full, read-only folder, a corrupt file). */
export class StoreFailedError extends Error {
  readonly kind = "store_failed" as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
