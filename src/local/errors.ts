/**
 * One base class for every error the local cloud raises on purpose (a service's wire error, a
 * template it cannot apply, a control request it refuses…), so callers can tell its typed
 * failures from faults (`instanceof LocalCloudError`). The local cloud is an emulator that stands
 * apart from the product it tests, so it has a base of its own rather than the product's.
 */
export class LocalCloudError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalCloudError';
  }
}
