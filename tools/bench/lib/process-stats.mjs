// What another process uses while it is under load: resident memory, and CPU time.
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

let ticksPerSecond;

/** CPU time (user + system) `pid` has used so far, in seconds; undefined where there is no /proc. */
export function readCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), 1-based from field 3: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
