import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Edge, startEdge } from './edgeHarness.js';

let edge: Edge;

const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${edge.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeEach(async () => {
  edge = await startEdge();
});

afterEach(async () => {
  await edge.close();
});

describe('Local control API: faults', () => {
  it('adds a rule and returns its id', async () => {
    // Act
    const added = await call('POST', '/_local/faults', {
      service: 'RedshiftServerless',
      operation: 'CreateSnapshotCopyConfiguration',
      error: 'ConflictException',
      count: 3,
    });

    // Assess
    expect(added.status).toBe(200);
    expect(added.body).toEqual(
      expect.objectContaining({ id: expect.any(String), remaining: 3, service: 'RedshiftServerless' }),
    );
    expect(edge.faults.list().map((rule) => rule.id)).toEqual([added.body.id]);
  });

  it('lists the rules in force', async () => {
    // Prepare
    edge.faults.add({ service: 'AmazonSQS', error: 'ThrottlingException', count: 1 });

    // Act
    const listed = await call('GET', '/_local/faults');

    // Assess
    expect(listed.body.faults).toEqual([expect.objectContaining({ service: 'AmazonSQS', remaining: 1 })]);
  });

  it('removes one rule by id, and 404s an unknown id', async () => {
    // Prepare
    const kept = edge.faults.add({ service: 'AmazonSQS', error: 'ThrottlingException' });
    const dropped = edge.faults.add({ service: 'AWSEvents', error: 'ThrottlingException' });

    // Act
    const removed = await call('DELETE', `/_local/faults/${dropped.id}`);
    const missing = await call('DELETE', '/_local/faults/fault-999');

    // Assess
    expect(removed).toEqual({ status: 200, body: { removed: 1 } });
    expect(missing.status).toBe(404);
    expect(edge.faults.list().map((rule) => rule.id)).toEqual([kept.id]);
  });

  it('clears every rule', async () => {
    // Prepare
    edge.faults.add({ service: 'AmazonSQS', error: 'ThrottlingException' });
    edge.faults.add({ service: 'AWSEvents', error: 'ThrottlingException' });

    // Act
    const cleared = await call('DELETE', '/_local/faults');

    // Assess
    expect(cleared.body).toEqual({ removed: 2 });
    expect(edge.faults.list()).toEqual([]);
  });

  it('answers an invalid rule with 400 naming the field', async () => {
    // Act
    const refused = await call('POST', '/_local/faults', { service: 'RedshiftServerless', error: 'Oops' });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: expect.stringContaining('error'), field: 'error' });
  });

  it('answers malformed JSON with 400', async () => {
    // Act
    const refused = await call('POST', '/_local/faults', '{not json');

    // Assess
    expect(refused).toEqual({ status: 400, body: { message: 'Request body is not valid JSON' } });
  });
});

describe('Local control API: health, reset, busy, stats', () => {
  it('reports health', async () => {
    // Act
    const health = await call('GET', '/_local/health');

    // Assess
    expect(health).toEqual({ status: 200, body: { services: ['fake'], account: '000000000000', uptime: 0 } });
  });

  it('resets the services and the fault rules', async () => {
    // Prepare
    edge.faults.add({ service: 'AmazonSQS', error: 'ThrottlingException' });

    // Act
    const reset = await call('POST', '/_local/reset');

    // Assess
    expect(reset.status).toBe(200);
    expect(edge.resets).toEqual(['services']);
    expect(edge.faults.list()).toEqual([]);
  });

  it('marks namespaces busy', async () => {
    // Act
    const marked = await call('POST', '/_local/redshift-serverless/busy', {
      namePattern: 'prod-*',
      seconds: 30,
    });

    // Assess
    expect(marked.status).toBe(200);
    expect(edge.busy).toEqual([{ namePattern: 'prod-*', seconds: 30 }]);
  });

  it.each([
    [{ seconds: 30 }],
    [{ namePattern: 'prod-*', seconds: -1 }],
    [{ namePattern: 'prod-*', seconds: 'soon' }],
    [{ namePattern: 'bad[', seconds: 5 }],
  ])('answers busy input %j with 400', async (input) => {
    // Act
    const refused = await call('POST', '/_local/redshift-serverless/busy', input);

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual(expect.any(String));
  });

  it('reports statistics with the faults hit', async () => {
    // Prepare
    edge.faults.add({ service: 'FakeService', error: 'ThrottlingException', count: 1 });
    await fetch(edge.url, { method: 'POST', headers: { 'x-amz-target': 'FakeService.DoThing' }, body: '{}' });

    // Act
    const stats = await call('GET', '/_local/stats');

    // Assess
    expect(stats.body).toEqual({ redshiftCalls: {}, faultsHit: { 'FakeService.DoThing': 1 } });
  });

  it('answers an unknown route with 404 and a wrong method with 405', async () => {
    // Act
    const unknown = await call('GET', '/_local/nothing');
    const wrongMethod = await call('POST', '/_local/health');

    // Assess
    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
  });
});
