/**
 * The parts of a botocore service model (`service-2.json`, the JSON form of AWS's Smithy models
 * that boto3 and the AWS CLI ship) the local services read: operations, their input and output
 * shapes, and the member constraints AWS's front end enforces (required, length, range,
 * pattern, enum). Field names are botocore's, so a vendored file is read as it is.
 */

/** A reference from an operation or a member to a named shape. */
export interface ShapeRef {
  readonly shape: string;
  /** The member holds a secret: AWS leaves its value out of validation messages. */
  readonly sensitive?: boolean;
  readonly [trait: string]: unknown;
}

interface ShapeBase {
  /** String values never echoed back (passwords, user names). */
  readonly sensitive?: boolean;
  readonly [trait: string]: unknown;
}

export interface StringShape extends ShapeBase {
  readonly type: 'string';
  /** Length bounds, in UTF-16 code units as the Java front end counts them. */
  readonly min?: number;
  readonly max?: number;
  /** A Java regular expression the whole value must match. */
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

export interface NumberShape extends ShapeBase {
  readonly type: 'integer' | 'long' | 'float' | 'double';
  /** Value bounds. */
  readonly min?: number;
  readonly max?: number;
}

export interface BlobShape extends ShapeBase {
  readonly type: 'blob';
  readonly min?: number;
  readonly max?: number;
}

export interface ScalarShape extends ShapeBase {
  readonly type: 'boolean' | 'timestamp';
  /** awsJson timestamps are epoch seconds unless the model says `iso8601`. */
  readonly timestampFormat?: string;
}

export interface ListShape extends ShapeBase {
  readonly type: 'list';
  readonly member: ShapeRef;
  /** Bounds on the number of elements. */
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape extends ShapeBase {
  readonly type: 'map';
  readonly key: ShapeRef;
  readonly value: ShapeRef;
  /** Bounds on the number of entries. */
  readonly min?: number;
  readonly max?: number;
}

export interface StructureShape extends ShapeBase {
  readonly type: 'structure';
  readonly required?: readonly string[];
  readonly members: Readonly<Record<string, ShapeRef>>;
  readonly exception?: boolean;
}

export type Shape =
  | StringShape
  | NumberShape
  | BlobShape
  | ScalarShape
  | ListShape
  | MapShape
  | StructureShape;

export interface OperationModel {
  readonly name: string;
  readonly input?: ShapeRef;
  readonly output?: ShapeRef;
  readonly errors?: readonly ShapeRef[];
  readonly [trait: string]: unknown;
}

/** Where a vendored model came from, recorded by vendorServiceModels.ts. */
export interface VendoredFrom {
  readonly package: string;
  readonly version: string;
  readonly file: string;
  readonly sha256: string;
  readonly license: string;
  /** Only these operations (and the shapes they reach) were kept. */
  readonly operations: readonly string[];
}

export interface ServiceModel {
  readonly version?: string;
  readonly metadata: Readonly<Record<string, unknown>> & {
    readonly apiVersion: string;
    readonly protocol: string;
    readonly targetPrefix?: string;
    readonly uid?: string;
  };
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, Shape>>;
  readonly vendoredFrom?: VendoredFrom;
}
