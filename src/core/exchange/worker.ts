// An exchange worker thread: runs the tasks of tasks.ts one at a time as the pool sends them (pool.ts).
import { parentPort } from 'node:worker_threads';
import { AppError, storageError } from '../../shared/errors';
import type { WorkerReply, WorkerRequest } from './pool';
import { runTask } from './tasks';

const port = parentPort;
if (!port) throw new Error('exchange worker: no parent port');
const post = (m: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (req: WorkerRequest) => {
  runTask(req.task, req.input as never, (event) => post({ id: req.id, kind: 'event', event })).then(
    (r) => post({ id: req.id, kind: 'done', value: r.value }, r.transfer),
    (e: unknown) => {
      // A full disk, a read-only folder, an I/O error: the same Chinese message as on the app's own thread.
      const a = e instanceof AppError ? e : storageError(e);
      post({
        id: req.id,
        kind: 'failed',
        error: a
          ? { code: a.code, message: a.message, ...(a.field === undefined ? {} : { field: a.field }) }
          : { code: null, message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
      });
    },
  );
});
post({ id: 0, kind: 'ready' });
