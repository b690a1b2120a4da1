import type {
  CopyConfigurationRecord,
  NamespaceRecord,
  NamespaceStatus,
  RedshiftServerlessStore,
} from './store.js';

/** `Namespace` as it travels on the wire (creationDate is `date-time` in the model: ISO 8601). */
export interface NamespaceWire {
  readonly namespaceArn: string;
  readonly namespaceId: string;
  readonly namespaceName: string;
  readonly adminUsername?: string;
  readonly dbName: string;
  readonly kmsKeyId: string;
  readonly defaultIamRoleArn?: string;
  readonly iamRoles: readonly string[];
  readonly logExports: readonly string[];
  readonly status: NamespaceStatus;
  readonly creationDate: string;
}

export interface SnapshotCopyConfigurationWire {
  readonly snapshotCopyConfigurationId: string;
  readonly snapshotCopyConfigurationArn: string;
  readonly namespaceName: string;
  readonly destinationRegion: string;
  readonly destinationKmsKeyId: string;
  readonly snapshotRetentionPeriod: number;
}

export interface TagWire {
  readonly key: string;
  readonly value: string;
}

export function namespaceToWire(store: RedshiftServerlessStore, namespace: NamespaceRecord): NamespaceWire {
  return {
    namespaceArn: namespace.arn,
    namespaceId: namespace.id,
    namespaceName: namespace.name,
    adminUsername: namespace.adminUsername,
    dbName: namespace.dbName,
    kmsKeyId: namespace.kmsKeyId,
    defaultIamRoleArn: namespace.defaultIamRoleArn,
    iamRoles: [...namespace.iamRoles],
    logExports: [...namespace.logExports],
    status: store.statusOf(namespace),
    creationDate: new Date(namespace.createdAt).toISOString(),
  };
}

export function copyConfigurationToWire(
  configuration: CopyConfigurationRecord,
): SnapshotCopyConfigurationWire {
  return {
    snapshotCopyConfigurationId: configuration.id,
    snapshotCopyConfigurationArn: configuration.arn,
    namespaceName: configuration.namespaceName,
    destinationRegion: configuration.destinationRegion,
    destinationKmsKeyId: configuration.destinationKmsKeyId,
    snapshotRetentionPeriod: configuration.snapshotRetentionPeriod,
  };
}

export function tagsToWire(tags: ReadonlyMap<string, string>): TagWire[] {
  return [...tags].map(([key, value]) => ({ key, value }));
}
