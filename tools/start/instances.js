// Which service processes `npm start` runs: every service of apps/ (that has a main.ts), N instances
// of each (`--instances N` or INSTANCES=N, default 1). Instance 1 listens on the service's own port
// (SPEC §3), instance k on port + 100·(k−1): sales-installation 3001, 3101, 3201…; PORT_OFFSET moves
// them all (and the console's default port) so a second system can run beside the default one.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { wholeNumber } = require('./count-flags.js');

const SERVICE_PORTS = [
  { service: 'sales-installation', port: 3001 },
  { service: 'diagnostics', port: 3002 },
  { service: 'repairs', port: 3003 },
  { service: 'dispatch', port: 3004 },
  { service: 'notifications', port: 3005 },
  { service: 'portal', port: 3000 },
  { service: 'parts', port: 3007 },
  { service: 'library-services', port: 3008 },
];
/** the ports of one instance apart from the next: room for the services' ports between them */
const INSTANCE_PORT_STEP = 100;

const portOffset = (env = process.env) => wholeNumber('PORT_OFFSET', env.PORT_OFFSET ?? '0', 0, 60000);

/** The label an instance carries in `npm start`'s output, its logs, Kafka client id and traces. */
const instanceLabel = (service, instance) => `${service}#${instance}`;

/** { service, instance (1…N), port, label, main } for every instance of every service in the workspace. */
function serviceInstances(root, count, offset = 0) {
  const present = SERVICE_PORTS.filter((s) => fs.existsSync(path.join(root, 'apps', s.service, 'src', 'main.ts')));
  return Array.from({ length: count }, (_, k) =>
    present.map(({ service, port }) => ({
      service,
      instance: k + 1,
      port: port + offset + INSTANCE_PORT_STEP * k,
      label: instanceLabel(service, k + 1),
      main: path.join('apps', service, 'src', 'main.ts'),
    })),
  ).flat();
}

module.exports = { portOffset, serviceInstances, instanceLabel, INSTANCE_PORT_STEP };
