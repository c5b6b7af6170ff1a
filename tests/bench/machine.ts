// What the benches read of the machine from /proc: how busy its cores are and a process's CPU time.
import { readFileSync } from 'node:fs';

/**
 * The whole machine's CPU ticks so far (the first line of /proc/stat): `busy` is everything but
 * idle and I/O wait. Guest time is left out of `total`: the kernel counts it in user time already.
 */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

/** The share of the machine's CPU time that was busy between two readings of machineTicks. */
export const busyBetween = (before: { busy: number; total: number }, after: { busy: number; total: number }) =>
  (after.busy - before.busy) / Math.max(1, after.total - before.total);

/** A process's CPU time so far (user + system, all threads), in seconds, from /proc; NaN once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}
