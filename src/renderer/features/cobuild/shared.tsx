// Small pieces the cobuild screens share: URL-parameter filters, status badges, back links, a fact row.
import { Alert, Anchor, Badge, Button, Group, Modal, Text } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  AGREEMENT_AREA_LABELS,
  CLAIM_STATUS_LABELS,
  COMMITMENT_STATUS_LABELS,
  type AgreementArea,
  type ClaimStatus,
  type CommitmentStatus,
} from '../../../shared/enums';
import { COBUILD, UI } from '../../../shared/messages';
import { IconAlert, IconChevronLeft } from '../../components/icons';
import './cobuild.css';

/** Reads and patches URL search parameters (filters survive going to a detail page and back). */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const patch = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  };
  return { params, patch };
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" c="dimmed">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {label}
      </Group>
    </Anchor>
  );
}

const COMMITMENT_COLORS: Record<CommitmentStatus, string> = {
  pending: 'gray',
  in_progress: 'blue',
  done: 'green',
  unfulfilled: 'red',
};

export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  return (
    <Badge variant="light" color={COMMITMENT_COLORS[status]} radius="sm" tt="none" fw={500}>
      {COMMITMENT_STATUS_LABELS[status]}
    </Badge>
  );
}

const CLAIM_COLORS: Record<ClaimStatus, string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'gray',
  withdrawn: 'gray',
};

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  return (
    <Badge variant="light" color={CLAIM_COLORS[status]} radius="sm" tt="none" fw={500}>
      {CLAIM_STATUS_LABELS[status]}
    </Badge>
  );
}

export function AreaBadges({ areas }: { areas: readonly AgreementArea[] }) {
  return (
    <Group gap={4} wrap="wrap">
      {areas.map((a) => (
        <Badge key={a} variant="outline" color="civic" radius="sm" tt="none" fw={500} size="sm">
          {AGREEMENT_AREA_LABELS[a]}
        </Badge>
      ))}
    </Group>
  );
}

export function Fact({ label, value, mono }: { label: string; value: ReactNode; mono?: boolean }) {
  const empty = value === null || value === undefined || value === '';
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={96} className="sg-nowrap" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text
        size="sm"
        component="div"
        className={mono ? 'sg-code' : undefined}
        c={empty ? 'dimmed' : undefined}
        style={{ whiteSpace: 'pre-wrap', minWidth: 0 }}
      >
        {empty ? UI.common.notSet : value}
      </Text>
    </Group>
  );
}

/** Keyboard and mouse: a table row that opens a page (the first cell also holds a real link). */
export function rowLinkProps(open: () => void) {
  return {
    className: 'sg-cb-row',
    onClick: (e: MouseEvent) => {
      if ((e.target as HTMLElement).closest('a,button,input,[role=menuitem]')) return;
      open();
    },
  };
}

/**
 * 删除 with the core's refusal shown in place: a refused delete (协议有进展, 岗位有认领, 服务队组织过活动) keeps the
 * dialog open with the Chinese reason instead of a toast that disappears.
 */
export function DeleteModal({
  opened,
  title,
  message,
  error,
  loading,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  message: string;
  error: string | null;
  loading: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{title}</Text>} size="md">
      {error ? (
        <Alert color="red" variant="light" icon={<IconAlert />} title={COBUILD.ui.screens.deleteRefusedTitle} mb="lg">
          {error}
        </Alert>
      ) : (
        <Text size="sm" mb="lg">
          {message}
        </Text>
      )}
      <Group justify="flex-end" gap="sm">
        {error ? (
          <Button variant="default" onClick={onClose}>
            {UI.common.close}
          </Button>
        ) : (
          <>
            <Button variant="default" onClick={onClose} disabled={loading}>
              {UI.common.cancel}
            </Button>
            <Button color="red" onClick={onConfirm} loading={loading}>
              {UI.common.delete}
            </Button>
          </>
        )}
      </Group>
    </Modal>
  );
}
