// The security tests' broker (apps/security-tests): a throw-away single-node KRaft broker whose client
// listener requires SASL/SCRAM, over TLS with a self-signed certificate unless `tls: false`. Users and
// their passwords (generated unless given) are written into the storage at format time, so the broker
// never runs unauthenticated.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { run } = require('./common.js');
const { kraftProperties } = require('./kafka.js');
const { startThrowawayKafka } = require('./throwaway-kafka.js');

/** A self-signed certificate for 127.0.0.1/localhost (openssl): key + chain for the broker, the certificate as the clients' CA. */
function selfSignedCertificate(dir) {
  const key = path.join(dir, 'broker.key.pem');
  const cert = path.join(dir, 'broker.cert.pem');
  const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'];
  run(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', ...subject, '-keyout', key, '-out', cert],
    {
      stdio: 'ignore',
    },
  );
  const keystore = path.join(dir, 'broker.keystore.pem');
  fs.writeFileSync(keystore, fs.readFileSync(key, 'utf8') + fs.readFileSync(cert, 'utf8'), { mode: 0o600 });
  fs.rmSync(key);
  return { keystore, caFile: cert };
}

/** The broker's SASL settings: the admin user is its own inter-broker client. */
function saslProperties(mechanism, admin) {
  const login = 'org.apache.kafka.common.security.scram.ScramLoginModule required';
  return [
    `sasl.enabled.mechanisms=${mechanism}`,
    `sasl.mechanism.inter.broker.protocol=${mechanism}`,
    `listener.name.clients.${mechanism.toLowerCase()}.sasl.jaas.config=${login} username="admin" password="${admin}";`,
  ];
}

function tlsProperties({ keystore, caFile }) {
  return [
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${keystore}`,
    // the broker is its own inter-broker client: it trusts its own certificate
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${caFile}`,
    'ssl.client.auth=none',
    'ssl.endpoint.identification.algorithm=',
  ];
}

/** `users` with `admin` added and every missing password generated. */
function withPasswords(users = {}) {
  const all = { admin: undefined, ...users };
  for (const name of Object.keys(all)) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`user name ${name}: letters, digits, . _ - only`);
    all[name] = all[name] || crypto.randomBytes(18).toString('hex');
  }
  return all;
}

/** The storage tool's arguments that create the users (with their SCRAM credentials) at format time. */
const scramUsers = (mechanism, users) =>
  Object.entries(users).flatMap(([name, password]) => [
    '--add-scram',
    `${mechanism}=[name=${name},password=${password}]`,
  ]);

/**
 * Starts the secured broker and resolves once an authenticated client gets metadata. `users` maps
 * names to passwords (a missing password is generated); an `admin` user (inter-broker) is always
 * added. Resolves to { brokers, port, mechanism, users, tls, caFile, dir, clientConfig, log, stop };
 * stop() ends the broker and removes its folder, and is safe to call twice.
 */
async function startSecuredKafka(options = {}) {
  const mechanism = options.mechanism || 'SCRAM-SHA-512';
  if (!/^SCRAM-SHA-(256|512)$/.test(mechanism)) throw new Error(`unsupported mechanism ${mechanism}`);
  const tls = options.tls !== false;
  const users = withPasswords(options.users);
  let certificate = {};
  const clientConfig = (brokers, user = 'admin') => ({
    brokers: [brokers],
    ssl: tls ? { ca: [fs.readFileSync(certificate.caFile, 'utf8')], rejectUnauthorized: true } : undefined,
    sasl: { mechanism: mechanism.toLowerCase(), username: user, password: users[user] },
  });
  const configure = ({ dir, port, controllerPort }) => {
    if (tls) certificate = selfSignedCertificate(dir);
    const security = [...saslProperties(mechanism, users.admin), ...(tls ? tlsProperties(certificate) : [])];
    const listener = { name: 'CLIENTS', protocol: tls ? 'SASL_SSL' : 'SASL_PLAINTEXT', port };
    return kraftProperties({ listener, controllerPort, logDir: path.join(dir, 'logs'), extra: security });
  };
  const broker = await startThrowawayKafka({
    kind: 'secured',
    heap: options.heap || '320m',
    timeoutMs: options.timeoutMs,
    stopSignal: 'SIGTERM',
    configure,
    formatExtra: scramUsers(mechanism, users),
    clientConfig: (brokers) => clientConfig(brokers),
  });
  const { brokers, port, dir } = broker;
  return {
    brokers,
    port,
    mechanism,
    tls,
    users,
    caFile: certificate.caFile,
    dir,
    clientConfig: (user) => clientConfig(brokers, user),
    log: () => broker.log(),
    stop: () => broker.stop(),
  };
}

module.exports = { startSecuredKafka };
