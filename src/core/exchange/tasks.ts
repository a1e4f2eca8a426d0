// The tasks an exchange worker runs (pool.ts): plain data in, plain data out, the same code inline or in a worker.
import { exportTables, type ExportEvent, type ExportTablesInput, type WrittenEntry } from './export-tables';
import { verifyFile, type VerifyFileInput, type VerifyFileOutput } from './verify-file';

interface Tasks {
  exportTables: { input: ExportTablesInput; output: WrittenEntry[] };
  verifyFile: { input: VerifyFileInput; output: VerifyFileOutput };
}

export type TaskKind = keyof Tasks;
export type TaskInput<K extends TaskKind> = Tasks[K]['input'];
export type TaskOutput<K extends TaskKind> = Tasks[K]['output'];
export type TaskEvent = ExportEvent;

export function runTask<K extends TaskKind>(
  kind: K,
  input: TaskInput<K>,
  emit: (ev: TaskEvent) => void,
): Promise<{ value: TaskOutput<K>; transfer: ArrayBuffer[] }> {
  switch (kind) {
    case 'exportTables':
      return exportTables(input as ExportTablesInput, emit) as never;
    case 'verifyFile':
      return verifyFile(input as VerifyFileInput) as never;
    default:
      return Promise.reject(new Error(`unknown exchange task: ${String(kind)}`));
  }
}
