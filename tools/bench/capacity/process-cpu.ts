import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** What a process is by its command line: a service (apps/<name>/src/main.ts) or a piece of the infrastructure. */
export function processRole(cmdline: string): string | undefined {
  const service = /apps\/([a-z-]+)\/src\/main\.ts/.exec(cmdline);
  if (service) return service[1];
  if (cmdline.includes('kafka.Kafka')) return 'kafka';
  if (/(^|\/)ferretdb(\s|$)/.test(cmdline)) return 'ferretdb';
  if (/(^|\/)postgres(:|\s|$)/.test(cmdline)) return 'postgres';
  return undefined;
}

/** CPU ticks used so far by every process of interest, by pid, with its role. */
export type CpuSample = Map<number, { role: string; ticks: number }>;

export function sampleCpu(proc = '/proc'): CpuSample {
  const sample: CpuSample = new Map();
  for (const entry of fs.readdirSync(proc)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const role = processRole(fs.readFileSync(`${proc}/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
      if (!role) continue;
      const stat = fs.readFileSync(`${proc}/${entry}/stat`, 'utf8');
      // the fields after the command name (which may hold spaces) start with the state: utime is the 12th
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sample.set(Number(entry), { role, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended between listing and reading
    }
  }
  return sample;
}

/**
 * Each role's CPU time between two samples, in ms; a process started in between counts whole, one
 * that ended in between is lost (its last ticks are unknown).
 */
export function cpuMillis(before: CpuSample, after: CpuSample): Map<string, number> {
  const millis = new Map<string, number>();
  for (const [pid, { role, ticks }] of after) {
    const used = ticks - (before.get(pid)?.ticks ?? 0);
    millis.set(role, (millis.get(role) ?? 0) + (1000 * used) / TICKS_PER_SECOND);
  }
  return millis;
}

/** Each role's CPU between two samples `seconds` apart, in % of one core (see cpuMillis). */
export function cpuShares(before: CpuSample, after: CpuSample, seconds: number): Map<string, number> {
  const shares = new Map<string, number>();
  for (const [role, ms] of cpuMillis(before, after)) shares.set(role, ms / 10 / seconds);
  return shares;
}
