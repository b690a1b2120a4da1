import { LocalCloudError } from '../errors.js';

/** Base of the errors the local accounts model throws for a declaration it cannot take. */
export class LocalAccountsError extends LocalCloudError {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalAccountsError';
  }
}

/** A declaration (account, organizational unit, region, role) that names something impossible. */
export class InvalidDeclarationError extends LocalAccountsError {
  /** The field of the declaration at fault. */
  public readonly field: string;
  public constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InvalidDeclarationError';
    this.field = field;
  }
}

/** A declaration that names an account or unit the organization does not hold. */
export class UnknownEntityError extends LocalAccountsError {
  public constructor(message: string) {
    super(message);
    this.name = 'UnknownEntityError';
  }
}
