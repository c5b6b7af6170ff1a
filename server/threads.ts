// Starting a worker thread on a TypeScript module. Worker threads do not inherit tsx's loader, so a
// .ts file cannot be started directly under `tsx server/main.ts`, `node --import tsx` or vitest:
// a plain-JavaScript bootstrap registers tsx in the worker first and then imports the module.
// Starting one costs ~0.7 s (tsx and the module's imports load on the worker's thread).
import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => tsx.register()).then(() => import(workerData.entry));
`;

export interface ModuleWorkerOptions {
  /** What the module reads as `workerData.data`. */
  data?: unknown;
  resourceLimits?: ResourceLimits;
}

/** A worker thread running `entry` (a .ts module's URL: `new URL('./x.ts', import.meta.url)`). */
export function startModuleWorker(entry: URL, { data, resourceLimits }: ModuleWorkerOptions = {}): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: entry.href, data },
    resourceLimits,
  });
}
