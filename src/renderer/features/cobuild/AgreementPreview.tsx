// The 共驻共建协议书 of one agreement in the generic document preview (A4 only: the document's own @page is A4), with
// 保存为 PDF (documents.agreementPdf) and 打印.
import { useState } from 'react';
import type { DocumentT } from '../../../shared/contract';
import { COBUILD } from '../../../shared/messages';
import { downloadFile } from '../../api/files';
import { useMutationFor } from '../../api/queries';
import { notifyError, notifySaved } from '../../components/notify';
import { DocumentPreview } from '../documents/DocumentPreview';
import { useAgreementDocument } from './queries';

export function AgreementPreview({ agreementId, onClose }: { agreementId: number | null; onClose: () => void }) {
  const doc = useAgreementDocument(agreementId);
  const pdf = useMutationFor('documents.agreementPdf', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(COBUILD.ui.screens.pdfSaved(file.fileName));
    },
    onError: (e) => notifyError(e),
  });
  // The last document stays on screen while a fresh one loads; a closed preview forgets it.
  const [last, setLast] = useState<DocumentT | undefined>(undefined);
  if (doc.data && doc.data !== last) setLast(doc.data);
  if (agreementId === null && last !== undefined) setLast(undefined);

  return (
    <DocumentPreview
      opened={agreementId !== null}
      onClose={onClose}
      title={COBUILD.ui.screens.previewTitle}
      paper="A4"
      // The agreement is printed on A4 only.
      doc={doc.data ?? last}
      loading={doc.isFetching}
      error={doc.isError ? doc.error : null}
      onSavePdf={() => agreementId !== null && pdf.mutate({ id: agreementId })}
      savingPdf={pdf.isPending}
    />
  );
}
