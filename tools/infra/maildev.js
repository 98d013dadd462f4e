// maildev: the SMTP sink the notifications service sends to locally, with a web UI to read the mail.
'use strict';
const path = require('node:path');

const { ROOT, ports, log, portOpen, startDetached, waitFor } = require('./common.js');

async function startMaildev() {
  if (await portOpen(ports.smtp)) {
    log(`SMTP sink already listening on ${ports.smtp}`);
    return;
  }
  const bin = path.join(ROOT, 'node_modules', 'maildev', 'bin', 'maildev');
  const args = ['--smtp', String(ports.smtp), '--web', String(ports.maildevWeb), '--ip', '127.0.0.1', '--silent'];
  startDetached('maildev', process.execPath, [bin, ...args]);
  await waitFor('maildev', () => portOpen(ports.smtp), 30_000);
  log(`maildev ready: SMTP 127.0.0.1:${ports.smtp}, web UI http://127.0.0.1:${ports.maildevWeb}`);
}

module.exports = { startMaildev };
