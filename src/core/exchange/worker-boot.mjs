// Starts an exchange worker from the TypeScript sources (CLI, tests): registers tsx in this thread, then loads
// worker.ts. The Electron build does not use this file (electron-vite builds worker.ts as exchange-worker.js).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
