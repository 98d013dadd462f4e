// Jaeger (v2, all-in-one) for local traces: built once with `go build` from the Go module proxy
// through the wrapper module tools/infra/jaeger (its go.mod pins github.com/jaegertracing/jaeger
// v1.76.0 with a tool directive), cached under .cache/jaeger/<version>-<hash of go.mod and go.sum>/jaeger,
// and run detached with in-memory storage (tools/infra/jaeger/config.yaml): OTLP/HTTP
// on JAEGER_OTLP_HTTP_PORT (4318), the query API and UI on JAEGER_UI_PORT (16686).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { CACHE, log, portOpen, portsEnv, portsFromEnv, run, startDetached, waitFor } = require('./common.js');

const JAEGER_VERSION = 'v1.76.0';
const JAEGER_PACKAGE = 'github.com/jaegertracing/jaeger/cmd/jaeger';
const jaegerSrc = path.join(__dirname, 'jaeger');
const jaegerConfig = path.join(jaegerSrc, 'config.yaml');

// JAEGER_OTLP_HTTP_PORT, JAEGER_OTLP_GRPC_PORT, JAEGER_UI_PORT, JAEGER_QUERY_GRPC_PORT, JAEGER_HEALTH_PORT
const jaegerPorts = portsFromEnv(
  { otlpHttp: 4318, otlpGrpc: 4317, ui: 16686, queryGrpc: 16685, health: 13133 },
  'JAEGER',
);

function sourceHash() {
  const hash = crypto.createHash('sha256');
  for (const file of ['go.mod', 'go.sum'])
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(jaegerSrc, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

const jaegerBin = path.join(CACHE, 'jaeger', `${JAEGER_VERSION}-${sourceHash()}`, 'jaeger');

/** Builds the binary once (into a temporary name, renamed into place, so a broken build is never used). */
function installJaeger() {
  if (fs.existsSync(jaegerBin)) return jaegerBin;
  log(
    `building Jaeger ${JAEGER_VERSION} (${JAEGER_PACKAGE}) with Go from the module proxy into ` +
      `${path.relative(process.cwd(), jaegerBin)} (once; about 15 min on 2 busy cores with a cold Go build cache)`,
  );
  fs.mkdirSync(path.dirname(jaegerBin), { recursive: true });
  const partial = `${jaegerBin}.partial-${process.pid}`;
  const started = Date.now();
  run('go', ['build', '-trimpath', '-o', partial, JAEGER_PACKAGE], { cwd: jaegerSrc });
  fs.renameSync(partial, jaegerBin);
  log(`built Jaeger in ${Math.round((Date.now() - started) / 1000)} s`);
  return jaegerBin;
}

// config.yaml reads its ports from these variables
const jaegerEnv = () => ({ ...process.env, ...portsEnv(jaegerPorts, 'JAEGER') });

async function jaegerReady() {
  try {
    const res = await fetch(`http://127.0.0.1:${jaegerPorts.ui}/api/services`);
    return res.ok && (await portOpen(jaegerPorts.otlpHttp));
  } catch {
    return false;
  }
}

async function startJaeger() {
  if (await portOpen(jaegerPorts.ui)) {
    log(`jaeger already listening on ${jaegerPorts.ui}`);
    return;
  }
  const bin = installJaeger();
  startDetached('jaeger', bin, [`--config=file:${jaegerConfig}`], { env: jaegerEnv() });
  await waitFor('jaeger', jaegerReady, 60_000);
  log(`jaeger ready: OTLP/HTTP http://127.0.0.1:${jaegerPorts.otlpHttp}, UI http://127.0.0.1:${jaegerPorts.ui}`);
}

/** What a service needs to send its traces to this Jaeger. */
const jaegerOtlpEndpoint = () => `http://127.0.0.1:${jaegerPorts.otlpHttp}`;

module.exports = { startJaeger, installJaeger, jaegerPorts, jaegerOtlpEndpoint, JAEGER_VERSION };
