#!/usr/bin/env node
// Shows one trace from the local Jaeger's query API as a tree of spans (service, operation, start
// offset and duration), as text or, with --html <file>, as a timeline page. The Jaeger built from
// the Go module proxy serves the query API but only a placeholder UI (the UI's assets are built
// from the jaeger-ui repository, which is not part of the module).
//   node tools/infra/jaeger-trace.js <trace id> [--html docs/trace.html]
//   node tools/infra/jaeger-trace.js --service sales-installation     (the largest recent trace)
'use strict';
const fs = require('node:fs');

const { jaegerPorts } = require('./jaeger.js');

const api = `http://127.0.0.1:${jaegerPorts.ui}/api`;

async function findTrace(args) {
  const service = args[args.indexOf('--service') + 1];
  if (args.includes('--service')) {
    const { data } = await (await fetch(`${api}/traces?service=${service}&lookback=1h&limit=100`)).json();
    return data.sort((a, b) => b.spans.length - a.spans.length)[0];
  }
  const { data } = await (await fetch(`${api}/traces/${args[0]}`)).json();
  return data?.[0];
}

/** The spans in tree order, each with its depth (children by start time). */
function inTreeOrder(trace) {
  const parentOf = (span) => span.references.find((r) => r.refType === 'CHILD_OF')?.spanID;
  const ids = new Set(trace.spans.map((s) => s.spanID));
  const children = (id) =>
    trace.spans
      .filter((s) => (id ? parentOf(s) === id : !ids.has(parentOf(s))))
      .sort((a, b) => a.startTime - b.startTime);
  const walk = (span, depth) => [{ span, depth }, ...children(span.spanID).flatMap((c) => walk(c, depth + 1))];
  return children(undefined).flatMap((root) => walk(root, 0));
}

function rows(trace) {
  const start = Math.min(...trace.spans.map((s) => s.startTime));
  return inTreeOrder(trace).map(({ span, depth }) => ({
    depth,
    service: trace.processes[span.processID].serviceName,
    operation: span.operationName,
    offsetMs: (span.startTime - start) / 1000,
    durationMs: span.duration / 1000,
  }));
}

function text(trace) {
  const lines = rows(trace).map(
    (r) =>
      `${'  '.repeat(r.depth)}${r.service}: ${r.operation}  (+${r.offsetMs.toFixed(1)} ms, ${r.durationMs.toFixed(1)} ms)`,
  );
  return `trace ${trace.traceID}: ${trace.spans.length} spans\n${lines.join('\n')}\n`;
}

function html(trace) {
  const all = rows(trace);
  const end = Math.max(...all.map((r) => r.offsetMs + r.durationMs)) || 1;
  const colours = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1'];
  const services = [...new Set(all.map((r) => r.service))];
  const bar = (r) =>
    `<tr><td style="padding-left:${r.depth * 12}px">${r.service}: ${r.operation}</td><td class="t"><div style="margin-left:${
      (r.offsetMs / end) * 100
    }%;width:${Math.max(0.3, (r.durationMs / end) * 100)}%;background:${colours[services.indexOf(r.service) % 6]}"></div></td><td>${r.durationMs.toFixed(1)} ms</td></tr>`;
  return `<!doctype html><meta charset="utf-8"><title>trace ${trace.traceID}</title>
<style>body{font:12px sans-serif;margin:12px}table{border-collapse:collapse;width:100%}td{padding:1px 6px;white-space:nowrap}
td.t{width:55%}td.t div{height:10px}tr:nth-child(odd){background:#f4f4f4}</style>
<h3>trace ${trace.traceID} — ${trace.spans.length} spans, ${services.join(', ')} (${end.toFixed(0)} ms)</h3>
<table>${all.map(bar).join('\n')}</table>`;
}

async function main() {
  const args = process.argv.slice(2);
  if (!args.length)
    throw new Error('usage: node tools/infra/jaeger-trace.js <trace id> | --service <name> [--html <file>]');
  const trace = await findTrace(args);
  if (!trace) throw new Error('no such trace in Jaeger');
  if (args.includes('--html')) fs.writeFileSync(args[args.indexOf('--html') + 1], html(trace));
  else process.stdout.write(text(trace));
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
