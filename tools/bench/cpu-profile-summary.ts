// node tools/run-ts.js tools/bench/cpu-profile-summary.ts <file.cpuprofile> [--top 20]
// Where a process spent its CPU, from a V8 profile (`node --cpu-prof`, e.g. SERVICE_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=.profiles" npm start; NODE_OPTIONS refuses --cpu-prof): self time by package (node_modules/<pkg>) or by file of ours,
// then the hottest functions. Idle time (the event loop waiting) is left out of the shares.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** node_modules/<package> (scoped too), a file of ours relative to the repo, or V8's own. */
export function placeOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:') || !url) return url || '(native)';
  const ours = /\/(apps|libs|tools)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

export function summarise(profile: CpuProfile, top = 20) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let gc = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(garbage collector)') gc += us;
    if (IDLE.has(frame.functionName) && frame.functionName !== '(garbage collector)') continue;
    busy += us;
    const place = frame.functionName === '(garbage collector)' ? '(gc)' : placeOf(frame.url);
    places.set(place, (places.get(place) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${placeOf(frame.url)}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / busy }));
  return {
    busyMs: Math.round(busy / 1000),
    gcMs: Math.round(gc / 1000),
    places: rank(places),
    functions: rank(functions),
  };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [--top N]');
  const i = process.argv.indexOf('--top');
  const top = i > 0 ? Number(process.argv[i + 1]) : 20;
  const summary = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, top);
  const pct = (s: number) => `${(100 * s).toFixed(1).padStart(5)} %`;
  console.log(`${file}: ${summary.busyMs} ms busy (garbage collection ${summary.gcMs} ms)`);
  console.log('\nself time by package or file');
  for (const p of summary.places) console.log(`  ${pct(p.share)}  ${String(p.ms).padStart(7)} ms  ${p.name}`);
  console.log('\nhottest functions');
  for (const f of summary.functions) console.log(`  ${pct(f.share)}  ${String(f.ms).padStart(7)} ms  ${f.name}`);
}
