// Resident set size of another process, sampled while it is under load.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** RSS of `pid` in bytes (from /proc, or `ps` where there is no /proc); undefined once it has gone. */
export function readRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {
    // No /proc (macOS) or the process is gone: ps answers the first, nothing the second.
  }
  try {
    const kib = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return kib ? Number(kib) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of `pid` every `intervalMs` until stopped; `stop()` returns the largest value seen. */
export function sampleRss(pid, intervalMs = 200) {
  let max = readRss(pid) ?? 0;
  const timer = setInterval(() => {
    max = Math.max(max, readRss(pid) ?? 0);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, readRss(pid) ?? 0);
    },
  };
}
