// Preview of a printable document (登记卡 today; 会议纪要 and the others later): the server's self-contained HTML in
// a sandboxed iframe drawn as a sheet of paper, an A4/A5 toggle, 保存为 PDF and 打印.
//
// The iframe is `sandbox="allow-same-origin allow-modals"`:
// - no `allow-scripts`: nothing in the document can run (its own CSP and the app's CSP, which a srcdoc document
//   inherits, forbid scripts as well), no forms, no popups, no top navigation;
// - `allow-same-origin` lets this page call `contentWindow.print()` on it (Chromium refuses cross-origin access to
//   `print`, so with `sandbox=""` or `sandbox="allow-modals"` alone the call throws a SecurityError) and measure the
//   document's height; without `allow-scripts` that origin gives the document itself nothing;
// - `allow-modals` is what Chromium requires before a sandboxed document may open the print dialog.
// Printing the iframe prints exactly the document with its own @page size and margins, in the browser and in
// Electron alike (Electron shows the system print dialog for window.print()).
import { Alert, Button, Group, Loader, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import type { DocumentT } from '../../../shared/contract';
import { UI } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { downloadFile } from '../../api/files';
import { useMutationFor, useRegistrationCard } from '../../api/queries';
import { IconAlert } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { IconDownload, IconPrinter } from '../importExport/FileIcons';
import './documents.css';

export type Paper = 'A4' | 'A5';
const PAPERS: readonly Paper[] = ['A4', 'A5'];
const SIZES_MM: Record<Paper, [number, number]> = { A4: [210, 297], A5: [148, 210] };
const FALLBACK_MARGIN_MM = 15;
const MM_PER_PX = 25.4 / 96;

interface PageBox {
  width: number;
  height: number;
  /** top, right, bottom, left — in mm. */
  margin: [number, number, number, number];
}

/** The sheet the document asks for in its `@page { size; margin }` rule, so the preview matches the print. */
export function pageBox(html: string, paper: Paper): PageBox {
  const rule = /@page\s*\{([^}]*)\}/i.exec(html)?.[1] ?? '';
  const landscape = /size\s*:[^;]*landscape/i.test(rule);
  const [w, h] = SIZES_MM[paper];
  const toMm = (v: string): number => {
    const m = /^(-?[\d.]+)(mm|cm|in|pt|px)?$/i.exec(v.trim());
    if (!m) return FALLBACK_MARGIN_MM;
    const n = Number(m[1]);
    switch ((m[2] ?? 'px').toLowerCase()) {
      case 'mm':
        return n;
      case 'cm':
        return n * 10;
      case 'in':
        return n * 25.4;
      case 'pt':
        return (n * 25.4) / 72;
      default:
        return n * MM_PER_PX;
    }
  };
  const parts = (/margin\s*:\s*([^;]+)/i.exec(rule)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(toMm);
  const [t = FALLBACK_MARGIN_MM, r = t, b = t, l = r] = parts;
  return { width: landscape ? h : w, height: landscape ? w : h, margin: [t, r, b, l] };
}

export interface DocumentPreviewProps {
  opened: boolean;
  onClose: () => void;
  /** Shown until the document has loaded. */
  title: string;
  paper: Paper;
  /** Offers the A4/A5 toggle; documents printed on one paper size only (agreements, tables) leave it out. */
  onPaperChange?: (p: Paper) => void;
  doc: DocumentT | undefined;
  loading: boolean;
  error: unknown;
  onSavePdf: () => void;
  savingPdf: boolean;
}

/** The preview modal itself; see RegistrationCardPreview for one wired to the server. */
export function DocumentPreview({
  opened,
  onClose,
  title,
  paper,
  onPaperChange,
  doc,
  loading,
  error,
  onSavePdf,
  savingPdf,
}: DocumentPreviewProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  // The height measured for one document's HTML: a new document (or paper) is measured again once it has loaded.
  const [measured, setMeasured] = useState<{ html: string; height: number } | null>(null);
  const contentHeight = measured && doc && measured.html === doc.html ? measured.height : null;
  const box = doc ? pageBox(doc.html, paper) : pageBox('', paper);
  const innerHeightMm = box.height - box.margin[0] - box.margin[2];

  const measure = () => {
    const el = frame.current?.contentDocument?.documentElement;
    if (el && doc) setMeasured({ html: doc.html, height: el.scrollHeight });
  };

  const print = () => {
    const w = frame.current?.contentWindow;
    if (!w) return;
    try {
      w.focus();
      w.print();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size={`calc(${Math.max(box.width, 210)}mm + 96px)`}
      title={<Text fw={600}>{doc?.title ?? title}</Text>}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {onPaperChange && (
              <>
                <Text size="sm" c="dimmed" id="sg-doc-paper">
                  {UI.documents.paper}
                </Text>
                <SegmentedControl
                  size="xs"
                  aria-labelledby="sg-doc-paper"
                  data={PAPERS.map((p) => ({ value: p, label: p }))}
                  value={paper}
                  onChange={(v) => onPaperChange(v as Paper)}
                />
              </>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={onSavePdf}
              loading={savingPdf}
              disabled={!doc}
            >
              {UI.documents.savePdf}
            </Button>
            <Button leftSection={<IconPrinter size={16} />} onClick={print} disabled={!doc || loading}>
              {UI.documents.print}
            </Button>
          </Group>
        </Group>

        {error ? (
          <Alert color="red" variant="light" icon={<IconAlert />} title={UI.errors.loadFailed}>
            {errorMessage(error)}
          </Alert>
        ) : (
          <div className="sg-paper-desk">
            <div
              className="sg-paper"
              style={{
                width: `${box.width}mm`,
                minHeight: `${box.height}mm`,
                padding: box.margin.map((m) => `${m}mm`).join(' '),
              }}
            >
              {doc ? (
                <iframe
                  ref={frame}
                  title={UI.documents.frameTitle(doc.title)}
                  sandbox="allow-same-origin allow-modals"
                  srcDoc={doc.html}
                  onLoad={measure}
                  style={{
                    height: contentHeight ? `max(${innerHeightMm}mm, ${contentHeight}px)` : `${innerHeightMm}mm`,
                    opacity: loading ? 0.5 : 1,
                  }}
                />
              ) : (
                <Group justify="center" pt={80}>
                  <Loader size="sm" />
                  <Text size="sm" c="dimmed">
                    {UI.common.loading}
                  </Text>
                </Group>
              )}
            </div>
          </div>
        )}
        <Text size="xs" c="dimmed">
          {UI.documents.printHint}
        </Text>
      </Stack>
    </Modal>
  );
}

/** The 在职党员报到登记卡 of one report, previewed (A4 by default), saved as PDF or printed. */
export function RegistrationCardPreview({ reportId, onClose }: { reportId: number | null; onClose: () => void }) {
  const [paper, setPaper] = useState<Paper>('A4');
  const card = useRegistrationCard(reportId ?? undefined, paper);
  const pdf = useMutationFor('documents.registrationCardPdf', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(UI.documents.pdfSaved(file.fileName));
    },
    onError: (e) => notifyError(e),
  });
  // Keeps the last document on screen while the other paper size loads; a closed preview forgets it.
  const [last, setLast] = useState<DocumentT | undefined>(undefined);
  if (card.data && card.data !== last) setLast(card.data);
  if (reportId === null && last !== undefined) setLast(undefined);

  return (
    <DocumentPreview
      opened={reportId !== null}
      onClose={() => {
        onClose();
        setPaper('A4');
      }}
      title={UI.documents.cardTitle}
      paper={paper}
      onPaperChange={setPaper}
      doc={card.data ?? last}
      loading={card.isFetching}
      error={card.isError ? card.error : null}
      onSavePdf={() => reportId !== null && pdf.mutate({ reportId, paper })}
      savingPdf={pdf.isPending}
    />
  );
}
