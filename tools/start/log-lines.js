// Each process's output as `<label> | <line>`, its pino JSON lines pretty-printed (pino-pretty when
// installed, else as they are).
'use strict';
const readline = require('node:readline');

let prettify = (obj) => JSON.stringify(obj);
try {
  const { prettyFactory } = require('pino-pretty');
  prettify = prettyFactory({
    colorize: process.stdout.isTTY,
    translateTime: 'HH:MM:ss.l',
    // the line's prefix already names the service and its instance
    ignore: 'pid,hostname,service,instance',
    singleLine: true,
  });
} catch {
  // plain JSON lines when pino-pretty is absent
}

const COLORS = [36, 33, 35, 32, 34, 91, 96];

/** Writes every line of `stream` to stdout behind the label, padded to `width`. */
function prefixed(label, color, width, stream) {
  const prefix = `\x1b[${color}m${label.padEnd(width)}\x1b[0m |`;
  readline.createInterface({ input: stream }).on('line', (line) => {
    let text = line;
    if (line.startsWith('{')) {
      try {
        text = prettify(JSON.parse(line)).trimEnd();
      } catch {
        text = line;
      }
    }
    process.stdout.write(`${prefix} ${text}\n`);
  });
}

module.exports = { prefixed, COLORS };
