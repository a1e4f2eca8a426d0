// 从 Excel 导入: pick (or drop) an .xlsx, optionally update existing records, import in one go. The server checks
// every row first and writes nothing if anything is wrong; then every problem is listed here (row, column,
// problem) and can be downloaded as CSV. Reusable for every kind (党员 / 驻区单位 / 社区 / 网格):
//   <ImportModal kind="units" opened={open} onClose={() => setOpen(false)} />
import { Alert, Button, Checkbox, FileButton, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { ExcelKind, ImportProblemT, ImportResultT } from '../../../shared/contract';
import { EXCEL, UI } from '../../../shared/messages';
import { errorMessage, invoke } from '../../api/client';
import { downloadText, formatFileSize, readFileAsBase64, toCsv } from '../../api/files';
import { IconAlert, IconCheck } from '../../components/icons';
import { IconDownload, IconFile, IconUpload } from './FileIcons';
import { TemplateButton } from './ExcelButtons';
import './importExport.css';

export interface ImportModalProps {
  /** What the sheet holds: 'members' | 'units' | 'communities' | 'grids'. */
  kind: ExcelKind;
  opened: boolean;
  onClose: () => void;
  /** Called after a successful import (the lists refresh on their own through the changed tables). */
  onImported?: (result: ImportResultT) => void;
}

/** The contract accepts up to 200 000 000 base64 characters: about 150 MB of file. */
const MAX_FILE_BYTES = 150_000_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Phase = 'idle' | 'reading' | 'working' | 'done';

export function ImportModal({ kind, opened, onClose, onImported }: ImportModalProps) {
  const [busy, setBusy] = useState(false);
  const label = EXCEL.kindLabel[kind];
  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (!busy) onClose();
      }}
      title={<Text fw={600}>{UI.importExport.title(label)}</Text>}
      size={760}
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
    >
      {/* Mounted only while open: every opening starts with no file and no result. */}
      {opened && <ImportBody kind={kind} onClose={onClose} onBusy={setBusy} onImported={onImported} />}
    </Modal>
  );
}

function checkFile(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls')) return EXCEL.oldXls;
  if (!name.endsWith('.xlsx')) return UI.importExport.notXlsx;
  if (file.size > MAX_FILE_BYTES) return UI.importExport.tooBig(formatFileSize(MAX_FILE_BYTES));
  return null;
}

function ImportBody({
  kind,
  onClose,
  onBusy,
  onImported,
}: {
  kind: ExcelKind;
  onClose: () => void;
  onBusy: (busy: boolean) => void;
  onImported: ((r: ImportResultT) => void) | undefined;
}) {
  const label = EXCEL.kindLabel[kind];
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [updateExisting, setUpdateExisting] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [readProgress, setReadProgress] = useState(0);
  const [result, setResult] = useState<ImportResultT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const resetPicker = useRef<() => void>(null);
  const busy = phase === 'reading' || phase === 'working';

  const pick = (f: File | null) => {
    resetPicker.current?.();
    setResult(null);
    setError(null);
    setPhase('idle');
    if (!f) return;
    const problem = checkFile(f);
    setFileError(problem);
    setFile(problem ? null : f);
  };

  const start = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    setReadProgress(0);
    setPhase('reading');
    onBusy(true);
    try {
      let base64: string;
      try {
        base64 = await readFileAsBase64(file, setReadProgress);
      } catch {
        throw new Error(UI.importExport.readFailed);
      }
      setPhase('working');
      const r = await invoke('excel.import', { kind, base64, updateExisting });
      setResult(r);
      setPhase('done');
      if (r.ok) onImported?.(r);
    } catch (e) {
      setError(e instanceof Error && e.message === UI.importExport.readFailed ? e.message : errorMessage(e));
      setPhase('idle');
    } finally {
      onBusy(false);
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    pick(e.dataTransfer.files.item(0));
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Text size="sm" c="dimmed">
          {UI.importExport.intro}
        </Text>
        <div style={{ flexShrink: 0 }}>
          <TemplateButton kind={kind} size="xs" variant="light" label={UI.importExport.downloadTemplate} />
        </div>
      </Group>

      <FileButton onChange={pick} accept={`.xlsx,${XLSX_MIME}`} resetRef={resetPicker} disabled={busy}>
        {(props) => (
          <div
            role="button"
            tabIndex={busy ? -1 : 0}
            aria-disabled={busy || undefined}
            aria-label={file ? UI.importExport.changeFile : UI.importExport.pickFile}
            className="sg-dropzone"
            data-over={over || undefined}
            data-disabled={busy || undefined}
            onClick={() => !busy && props.onClick()}
            onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
              if (busy) return;
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                props.onClick();
              }
            }}
            onDragOver={(e) => {
              e.preventDefault();
              if (!busy) setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <Stack align="center" gap={6} py={file ? 'md' : 'xl'} px="md">
              {file ? <IconFile size={28} /> : <IconUpload size={28} />}
              {file ? (
                <>
                  <Text fw={600} ta="center" style={{ wordBreak: 'break-all' }}>
                    {UI.importExport.fileInfo(file.name, formatFileSize(file.size))}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {UI.importExport.changeFile}
                  </Text>
                </>
              ) : (
                <Text size="sm" c="dimmed" ta="center">
                  {over ? UI.importExport.dropzoneActive : UI.importExport.dropzone}
                </Text>
              )}
            </Stack>
          </div>
        )}
      </FileButton>

      {fileError && (
        <Alert color="red" variant="light" icon={<IconAlert />} py="xs">
          {fileError}
        </Alert>
      )}

      <Checkbox
        label={UI.importExport.updateExisting(label)}
        description={UI.importExport.updateExistingHint}
        checked={updateExisting}
        onChange={(e) => setUpdateExisting(e.currentTarget.checked)}
        disabled={busy}
      />

      {busy && (
        <Stack gap={6} aria-live="polite">
          <Progress
            value={phase === 'reading' ? Math.max(5, Math.round(readProgress * 100)) : 100}
            striped={phase === 'working'}
            animated={phase === 'working'}
            size="lg"
            aria-label={phase === 'reading' ? UI.importExport.reading : UI.importExport.working}
          />
          <Text size="sm" c="dimmed">
            {phase === 'reading' ? UI.importExport.reading : UI.importExport.working}
          </Text>
        </Stack>
      )}

      {error && (
        <Alert color="red" variant="light" icon={<IconAlert />} title={UI.importExport.failedTitle}>
          {error}
        </Alert>
      )}

      {result && <ResultView kind={kind} result={result} />}

      <Group justify="flex-end" gap="sm">
        {result?.ok ? (
          <Button onClick={onClose}>{UI.importExport.done}</Button>
        ) : (
          <>
            <Button variant="default" onClick={onClose} disabled={busy}>
              {UI.common.cancel}
            </Button>
            <Button onClick={() => void start()} loading={busy} disabled={!file} leftSection={<IconUpload size={16} />}>
              {result ? UI.importExport.retry : UI.importExport.start}
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}

function ResultView({ kind, result }: { kind: ExcelKind; result: ImportResultT }) {
  if (result.ok) {
    return (
      <Alert color="green" variant="light" icon={<IconCheck />} title={UI.importExport.okTitle} aria-live="polite">
        <Text size="sm" fw={600}>
          {UI.importExport.okSummary(result.inserted, result.updated)}
        </Text>
        <Text size="sm">{UI.importExport.okTotal(result.total, EXCEL.countUnit[kind])}</Text>
      </Alert>
    );
  }
  const download = () =>
    downloadText(
      toCsv(
        [UI.importExport.colRow, UI.importExport.colColumn, UI.importExport.colProblem],
        result.problems.map((p) => [rowLabel(p), p.column, p.message]),
      ),
      UI.importExport.problemsFile(EXCEL.kindLabel[kind]),
    );
  return (
    <Stack gap="sm">
      <Alert color="red" variant="light" icon={<IconAlert />} title={UI.importExport.failedTitle} aria-live="polite">
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Text size="sm">{UI.importExport.problemCount(result.problems.length)}</Text>
          {result.problems.length > 0 && (
            <Button size="xs" variant="white" color="red" leftSection={<IconDownload size={14} />} onClick={download}>
              {UI.importExport.downloadProblems}
            </Button>
          )}
        </Group>
      </Alert>
      {result.problems.length > 0 && <ProblemList problems={result.problems} />}
    </Stack>
  );
}

function rowLabel(p: ImportProblemT): string {
  return p.row <= 0 ? UI.importExport.fileLevel : String(p.row);
}

/** Every problem, virtualized (there can be thousands), rows growing with long messages. */
function ProblemList({ problems }: { problems: readonly ImportProblemT[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: problems.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 33,
    overscan: 10,
    scrollMargin: 34,
  });
  return (
    <div
      ref={scroller}
      className="sg-problems"
      role="table"
      aria-label={UI.importExport.problemsLabel}
      aria-rowcount={problems.length + 1}
      tabIndex={0}
    >
      <div className="sg-problems-head" role="row" aria-rowindex={1}>
        <div role="columnheader">{UI.importExport.colRow}</div>
        <div role="columnheader">{UI.importExport.colColumn}</div>
        <div role="columnheader">{UI.importExport.colProblem}</div>
      </div>
      <div style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const p = problems[item.index];
          if (!p) return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="sg-problems-row"
              role="row"
              aria-rowindex={item.index + 2}
              style={{ transform: `translateY(${item.start - 34}px)` }}
            >
              <div role="cell" className="sg-num" style={{ textAlign: 'left' }}>
                {rowLabel(p)}
              </div>
              <div role="cell">{p.column || UI.common.dash}</div>
              <div role="cell">{p.message}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
