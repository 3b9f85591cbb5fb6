// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and says where the time went: the functions with
// the most self time, and each package's share, by self time and by time on the stack (inclusive).
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Who owns a script: an npm package, a paytokens library, the app, or Node itself. */
export function ownerOf(url, root) {
  if (!url) return 'node (native)';
  if (url.startsWith('node:')) return 'node (internals)';
  const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const modules = path.lastIndexOf(`node_modules${sep}`);
  if (modules >= 0) {
    const parts = path.slice(modules + 'node_modules/'.length).split(sep);
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const inside = relative(root, path).split(sep);
  if (inside[0] === 'libs') return `@paytokens/${inside[1]}`;
  if (inside[0] === 'dist' && inside[1] === 'apps') return `app (${inside[2]})`;
  return inside.slice(0, 2).join('/');
}

function location(frame, root) {
  if (!frame.url) return '';
  const path = frame.url.startsWith('file://') ? decodeURIComponent(new URL(frame.url).pathname) : frame.url;
  const shown = path.startsWith('node:') ? path : relative(root, path).replace(/^.*node_modules\//, '');
  return `${shown}:${frame.lineNumber + 1}`;
}

/**
 * Summarises the profile at `file` (paths shown relative to `root`); `top` functions by self time. Samples
 * in the first `skipMs` (start-up and warm-up, when the load is what matters) are left out.
 */
export function summariseProfile(file, { root = process.cwd(), top = 20, skipMs = 0 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map();
  const packageSelf = new Map();
  const packageInclusive = new Map();
  let total = 0;
  let idle = 0;
  let gc = 0;
  let clock = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    clock += profile.timeDeltas[i] ?? 0;
    if (clock < skipMs * 1000) continue;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    const frame = node.callFrame;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gc += us;
    const name = SPECIAL.has(frame.functionName) ? frame.functionName : frame.functionName || '(anonymous)';
    const key = `${name}\t${location(frame, root)}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const owner = SPECIAL.has(frame.functionName) ? frame.functionName : ownerOf(frame.url, root);
    packageSelf.set(owner, (packageSelf.get(owner) ?? 0) + us);
    // Inclusive: each package on this sample's stack counts once.
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (!f.url) continue;
      seen.add(ownerOf(f.url, root));
    }
    for (const owner of seen) packageInclusive.set(owner, (packageInclusive.get(owner) ?? 0) + us);
  }
  const busy = total - idle;
  const rank = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => ({ key, ms: us / 1000, pctOfBusy: busy > 0 ? (100 * us) / busy : 0 }));
  return {
    file,
    skippedMs: skipMs,
    totalMs: total / 1000,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    gcMs: gc / 1000,
    topSelf: rank(self, top).map(({ key, ms, pctOfBusy }) => {
      const [fn, where] = key.split('\t');
      return { function: fn, location: where, selfMs: ms, pctOfBusy };
    }),
    packagesBySelf: rank(packageSelf, 12).map(({ key, ms, pctOfBusy }) => ({ package: key, selfMs: ms, pctOfBusy })),
    packagesByInclusive: rank(packageInclusive, 12).map(({ key, ms, pctOfBusy }) => ({ package: key, inclusiveMs: ms, pctOfBusy })),
  };
}

/** The summary as text lines, for the console and the Findings section. */
export function formatProfileSummary(summary) {
  const pct = (value) => `${value.toFixed(1)}%`.padStart(6);
  const lines = [
    `busy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms sampled (idle ${summary.idleMs.toFixed(0)} ms, GC ${summary.gcMs.toFixed(0)} ms)${summary.skippedMs ? `, after skipping the first ${summary.skippedMs.toFixed(0)} ms (start-up, warm-up)` : ''}`,
    'top functions by self time (% of busy time):',
    ...summary.topSelf.map((f) => `  ${pct(f.pctOfBusy)}  ${f.function}  ${f.location}`),
    'packages by self time:',
    ...summary.packagesBySelf.map((p) => `  ${pct(p.pctOfBusy)}  ${p.package}`),
    'packages on the stack (inclusive):',
    ...summary.packagesByInclusive.map((p) => `  ${pct(p.pctOfBusy)}  ${p.package}`),
  ];
  return lines;
}

/**
 * The call stacks (innermost first, `depth` frames) under which functions named `name` spent their self
 * time, heaviest first: answers "who calls this?" for a function high in the self-time list.
 */
export function callersOf(file, name, { root = process.cwd(), depth = 6, top = 8, skipMs = 0 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stacks = new Map();
  let clock = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    clock += profile.timeDeltas[i] ?? 0;
    if (clock < skipMs * 1000) continue;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (node.callFrame.functionName !== name) continue;
    const frames = [];
    for (let id = node.id; id !== undefined && frames.length < depth; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      frames.push(`${f.functionName || '(anonymous)'} ${location(f, root)}`.trim());
    }
    const key = frames.join('\n    <- ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
    total += us;
  }
  return [...stacks.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([stack, us]) => ({ stack, ms: us / 1000, share: total > 0 ? (100 * us) / total : 0 }));
}

/** Functions by inclusive time (each function counted once per sample, wherever it is on the stack), heaviest first. */
export function inclusiveTimes(file, { root = process.cwd(), top = 40, skipMs = 0, match } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map();
  let clock = 0;
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    clock += profile.timeDeltas[i] ?? 0;
    if (clock < skipMs * 1000) continue;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (node.callFrame.functionName === '(idle)') continue;
    busy += us;
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (!f.url) continue;
      seen.add(`${f.functionName || '(anonymous)'} ${location(f, root)}`);
    }
    for (const key of seen) if (!match || match.test(key)) totals.set(key, (totals.get(key) ?? 0) + us);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ function: fn, ms: us / 1000, pctOfBusy: busy > 0 ? (100 * us) / busy : 0 }));
}
