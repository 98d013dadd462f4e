import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { isolateTestEnv, testDatabase, waitFor } from '@appliance-care/testing';

import { OtlpReceiver } from './otlp-receiver';

const ROOT = path.resolve(__dirname, '../../..');

function runChild(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', path.join(__dirname, 'traced-store-calls.child.ts')],
      {
        cwd: ROOT,
        env,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('telemetry (a child process exporting to an OTLP/HTTP receiver)', () => {
  const env = isolateTestEnv('telemetry');
  const receiver = new OtlpReceiver();
  afterAll(() => receiver.stop());

  it('traces mongoose 9 store calls, and a handler span continues the writer trace it was handed', async () => {
    const endpoint = await receiver.start();
    const run = await runChild({
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      MONGODB_URI: env.mongoUri,
      TEST_DATABASE: testDatabase('telemetry', env),
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    await waitFor(() => receiver.spans.some((s) => s.name === 'handle probe'), { timeoutMs: 10_000 });
    const byName = (name: string) => receiver.spans.find((s) => s.name === name)!;
    const write = byName('write');
    const handle = byName('handle probe');
    expect(handle).toMatchObject({ traceId: write.traceId, parentSpanId: write.spanId, service: 'telemetry-test' });
    // instrumentation-mongoose 0.69 on mongoose 9.12.1: "<operation> <collection>" spans, children of the caller's span
    const store = receiver.spans.filter((s) => s.attributes['db.collection.name'] === 'traceprobes');
    expect(store.map((s) => s.name).sort()).toEqual(['findOne traceprobes', 'save traceprobes']);
    expect(store.find((s) => s.name.startsWith('save'))).toMatchObject({
      traceId: write.traceId,
      parentSpanId: write.spanId,
    });
    expect(store.find((s) => s.name.startsWith('findOne'))).toMatchObject({ parentSpanId: handle.spanId });
    const { writer, handler } = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<
      string,
      { traceparent: string }
    >;
    expect(writer.traceparent).toContain(write.traceId);
    expect(handler.traceparent).toBe(`00-${handle.traceId}-${handle.spanId}-01`);
  });

  it('loads no SDK without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const { startTelemetry } = await import('../src/telemetry');
    const { currentTraceContext, inEventSpan } = await import('../src/trace-context');
    expect(startTelemetry('telemetry-test', {})).toBe(false);
    expect(Object.keys(require.cache).filter((file) => file.includes('@opentelemetry/sdk-node'))).toEqual([]);
    await expect(inEventSpan({ name: 'x', kind: 'consumer' }, async (carrier) => carrier)).resolves.toEqual({});
    expect(currentTraceContext()).toEqual({});
  });
});
