// The Excel buttons every list page shares: 下载模板, 导出 Excel (with the page's current filter) and 导入 Excel
// (a button that owns its ImportModal). Files arrive as FileOut and are saved through api/files.downloadFile.
//   <TemplateButton kind="units" />
//   <ExportButton input={{ kind: 'units', units: { type: 'school' } }} />
//   <ImportButton kind="units" />
import { Button, Tooltip, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import type { ExcelKind, Input } from '../../../shared/contract';
import { UI } from '../../../shared/messages';
import { downloadFile } from '../../api/files';
import { useMutationFor } from '../../api/queries';
import { notifyError, notifySaved } from '../../components/notify';
import { IconDownload, IconFile, IconUpload } from './FileIcons';
import { ImportModal } from './ImportModal';

type Look = Pick<ButtonProps, 'size' | 'variant'> & { label?: string };

/** Downloads the import template (with its 填写说明 sheet) of one kind. */
export function TemplateButton({
  kind,
  size = 'sm',
  variant = 'default',
  label = UI.importExport.templateButton,
}: Look & { kind: ExcelKind }) {
  const template = useMutationFor('excel.template', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(UI.importExport.downloaded(file.fileName));
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Button
      size={size}
      variant={variant}
      leftSection={<IconFile size={16} />}
      loading={template.isPending}
      onClick={() => template.mutate({ kind })}
    >
      {label}
    </Button>
  );
}

/** Exports a list to Excel; `input` carries the page's current filter (ID numbers and phones come masked). */
export function ExportButton({
  input,
  size = 'sm',
  variant = 'default',
  label = UI.importExport.exportButton,
  hint,
}: Look & { input: Input<'excel.export'>; hint?: string }) {
  const exporter = useMutationFor('excel.export', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(UI.importExport.downloaded(file.fileName));
    },
    onError: (e) => notifyError(e),
  });
  const button = (
    <Button
      size={size}
      variant={variant}
      leftSection={<IconDownload size={16} />}
      loading={exporter.isPending}
      onClick={() => exporter.mutate(input)}
    >
      {label}
    </Button>
  );
  return hint ? <Tooltip label={hint}>{button}</Tooltip> : button;
}

/** 导入 Excel: the button and its modal. */
export function ImportButton({
  kind,
  size = 'sm',
  variant = 'default',
  label = UI.importExport.importButton,
}: Look & { kind: ExcelKind }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} variant={variant} leftSection={<IconUpload size={16} />} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ImportModal kind={kind} opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
