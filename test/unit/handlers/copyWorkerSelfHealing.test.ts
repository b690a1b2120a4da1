import {
  CreateSnapshotCopyConfigurationCommand,
  UpdateSnapshotCopyConfigurationCommand,
} from '@aws-sdk/client-redshift-serverless';
import type { SQSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policyFiles/parsePolicy.js';
import { emfMetricsOf, inputs, useStubbedServices } from '../../fixtures/copyWorkerAssertions.js';
import {
  copyConfigurationEvent,
  lambdaContext,
  snapshotCopyRequested,
  sqsEvent,
  sqsRecord,
} from '../../fixtures/copyWorkerFixtures.js';
import { useCopyWorker } from '../../fixtures/copyWorkerHarness.js';
import type { FakeRedshiftServerless } from '../../fixtures/fakeRedshiftServerless.js';

/**
 * Self-healing: CloudTrail DeleteSnapshotCopyConfiguration / UpdateSnapshotCopyConfiguration
 * send the namespace back through the worker, which restores the policy's configuration or
 * reports the change, per the rule's onDeleted; its own updates come back as already configured.
 */

const POLICY = parsePolicy(`
version: 1
rules:
  - name: audited
    match: { namespace: "audit-*" }
    copyTo: { region: us-west-2, retentionDays: 30 }
    onDeleted: report
  - name: production
    match: { namespace: "prod-*" }
    copyTo: { region: us-west-2, retentionDays: 30 }
    onExisting: update
  - name: kept
    match: { namespace: "kept-*" }
    copyTo: { region: us-west-2, retentionDays: 30 }
    onExisting: keep
  - name: reported-drift
    match: {}
    copyTo: { region: us-west-2, retentionDays: 30 }
`);

const subject = useCopyWorker();
const services = useStubbedServices();
let redshift: FakeRedshiftServerless;

beforeEach(() => {
  ({ redshift } = services);
});

function invoke(event: SQSEvent) {
  return subject.worker({ kind: 'valid', policy: POLICY })(event, lambdaContext());
}

function metricNames(): string[] {
  return emfMetricsOf(subject.output.jsonLines()).map((metric) => metric.name);
}

describe('Function: createCopyWorker (deleted and changed configurations)', () => {
  it('restores a configuration someone deleted, as the policy wants it', async () => {
    // Prepare: deleted by hand, so the namespace has none
    redshift.addNamespace('prod-sales');
    const event = copyConfigurationEvent('DeleteSnapshotCopyConfiguration', 'prod-sales');

    // Act
    const response = await invoke(sqsEvent(sqsRecord(event)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toEqual([
      expect.objectContaining({
        namespaceName: 'prod-sales',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod: 30,
      }),
    ]);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({
        outcome: 'restored',
        restoredBy: 'create',
        namespace: 'prod-sales',
        rule: 'production',
        desired: { region: 'us-west-2', retentionDays: 30 },
        level: 'INFO',
      }),
    ]);
    expect(metricNames()).toEqual(expect.arrayContaining(['Restored', 'TimeToProtection']));
    expect(metricNames()).not.toContain('Protected');
  });

  it('sets back a retention someone changed when the rule updates existing configurations', async () => {
    // Prepare
    redshift.addNamespace('prod-sales');
    const id = redshift.addConfiguration('prod-sales', { region: 'us-west-2', retentionDays: 7 });
    const event = copyConfigurationEvent('UpdateSnapshotCopyConfiguration', 'prod-sales', {
      configurationId: id,
      retentionDays: 7,
    });

    // Act
    await invoke(sqsEvent(sqsRecord(event)));

    // Assess
    expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toEqual([
      { snapshotCopyConfigurationId: id, snapshotRetentionPeriod: 30 },
    ]);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({
        outcome: 'restored',
        restoredBy: 'retention-update',
        fromDays: 7,
        toDays: 30,
      }),
    ]);
    expect(metricNames()).toContain('Restored');
  });

  it('sets back a changed retention under onDeleted: restore even where onExisting reports drift', async () => {
    // Prepare: the catch-all rule has the defaults, onExisting: report and onDeleted: restore
    redshift.addNamespace('analytics');
    const id = redshift.addConfiguration('analytics', { region: 'us-west-2', retentionDays: 7 });
    const event = copyConfigurationEvent('UpdateSnapshotCopyConfiguration', 'analytics', {
      configurationId: id,
      retentionDays: 7,
    });

    // Act
    await invoke(sqsEvent(sqsRecord(event)));

    // Assess
    expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toEqual([
      { snapshotCopyConfigurationId: id, snapshotRetentionPeriod: 30 },
    ]);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({
        outcome: 'restored',
        restoredBy: 'retention-update',
        rule: 'reported-drift',
      }),
    ]);
  });

  it('leaves a changed retention alone when the rule keeps any retention (onExisting: keep)', async () => {
    // Prepare
    redshift.addNamespace('kept-sales');
    const id = redshift.addConfiguration('kept-sales', { region: 'us-west-2', retentionDays: 7 });
    const event = copyConfigurationEvent('UpdateSnapshotCopyConfiguration', 'kept-sales', {
      configurationId: id,
      retentionDays: 7,
    });

    // Act
    await invoke(sqsEvent(sqsRecord(event)));

    // Assess
    expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toEqual([]);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({ outcome: 'already-configured', keptRetentionDays: 7, rule: 'kept' }),
    ]);
  });

  it('reports drift, not a restore, when a sweep or an operator finds another retention', async () => {
    // Prepare: the same configuration, met by a request that answers no change
    redshift.addNamespace('analytics');
    redshift.addConfiguration('analytics', { region: 'us-west-2', retentionDays: 7 });

    // Act
    await invoke(sqsEvent(sqsRecord(snapshotCopyRequested('analytics'))));

    // Assess
    expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toEqual([]);
    expect(subject.output.outcomeLines()).toEqual([expect.objectContaining({ outcome: 'drift' })]);
  });

  it('ends the worker’s own update, come back through CloudTrail, as already configured: no loop', async () => {
    // Prepare: a request makes the worker update the retention (onExisting: update) ...
    redshift.addNamespace('prod-sales');
    const id = redshift.addConfiguration('prod-sales', { region: 'us-west-2', retentionDays: 7 });
    await invoke(sqsEvent(sqsRecord(snapshotCopyRequested('prod-sales'))));
    subject.output.clear();
    // ... and CloudTrail records that very update
    const echo = copyConfigurationEvent('UpdateSnapshotCopyConfiguration', 'prod-sales', {
      configurationId: id,
      retentionDays: 30,
    });

    // Act
    await invoke(sqsEvent(sqsRecord(echo)));

    // Assess
    expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toHaveLength(1);
    expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(0);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({ outcome: 'already-configured', configurationId: id }),
    ]);
    expect(metricNames()).toContain('AlreadyConfigured');
    expect(metricNames()).not.toContain('Restored');
  });

  it('reports a deletion and writes nothing when the rule says onDeleted: report', async () => {
    // Prepare
    redshift.addNamespace('audit-ledger');
    const event = copyConfigurationEvent('DeleteSnapshotCopyConfiguration', 'audit-ledger');

    // Act
    await invoke(sqsEvent(sqsRecord(event)));

    // Assess
    expect(redshift.creates).toBe(0);
    expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toHaveLength(0);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({
        outcome: 'deletion-reported',
        rule: 'audited',
        desired: { region: 'us-west-2', retentionDays: 30 },
        level: 'WARN',
      }),
    ]);
    expect(subject.output.outcomeLines()[0]).not.toHaveProperty('existing');
    expect(metricNames()).toContain('DeletionReported');
  });

  it('reports a changed retention with what is there, and writes nothing', async () => {
    // Prepare
    redshift.addNamespace('audit-ledger');
    const id = redshift.addConfiguration('audit-ledger', { region: 'us-west-2', retentionDays: 1 });
    const event = copyConfigurationEvent('UpdateSnapshotCopyConfiguration', 'audit-ledger', {
      configurationId: id,
      retentionDays: 1,
    });

    // Act
    await invoke(sqsEvent(sqsRecord(event)));

    // Assess
    expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toHaveLength(0);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({
        outcome: 'deletion-reported',
        existing: { configurationId: id, region: 'us-west-2', retentionDays: 1 },
      }),
    ]);
  });

  it('finds nothing to report when the configuration is already as the policy wants it', async () => {
    // Prepare: someone put it back before the event arrived
    redshift.addNamespace('audit-ledger');
    redshift.addConfiguration('audit-ledger', { region: 'us-west-2', retentionDays: 30 });

    // Act
    await invoke(
      sqsEvent(sqsRecord(copyConfigurationEvent('DeleteSnapshotCopyConfiguration', 'audit-ledger'))),
    );

    // Assess
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({ outcome: 'already-configured' }),
    ]);
    expect(metricNames()).not.toContain('DeletionReported');
  });

  it('ignores a failed deletion: nothing changed', async () => {
    // Act
    const response = await invoke(
      sqsEvent(
        sqsRecord(copyConfigurationEvent('DeleteSnapshotCopyConfiguration', 'prod-sales', { failed: true })),
      ),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(redshift.mock.calls()).toHaveLength(0);
    expect(subject.output.outcomeLines()).toEqual([
      expect.objectContaining({
        outcome: 'ignored',
        reason: 'DeleteSnapshotCopyConfiguration failed: ResourceNotFoundException',
      }),
    ]);
  });

  it('restores a deleted configuration once when the same event is delivered twice', async () => {
    // Prepare
    redshift.addNamespace('prod-sales');
    const event = copyConfigurationEvent('DeleteSnapshotCopyConfiguration', 'prod-sales');

    // Act
    await invoke(sqsEvent(sqsRecord(event)));
    await invoke(sqsEvent(sqsRecord(event)));

    // Assess
    expect(redshift.creates).toBe(1);
    expect(metricNames().filter((name) => name === 'Restored')).toHaveLength(1);
  });
});
