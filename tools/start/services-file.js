// .run/services.json: the service instances running now, `{ service, instance, port, pid, startedAt }`
// each, for tools that act on them (the chaos run picks a pid to SIGKILL and waits for its restart's
// new pid). Written to a temporary file and renamed over the old one, so a reader never sees half a file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function writeServicesFile(file, entries) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(entries, null, 2)}\n`);
  fs.renameSync(temp, file);
}

function removeServicesFile(file) {
  fs.rmSync(file, { force: true });
}

module.exports = { writeServicesFile, removeServicesFile };
