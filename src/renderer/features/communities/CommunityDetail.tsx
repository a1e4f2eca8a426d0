// One community: header (name, official name, code, retire/restore), the 三有 panel, and the tabs
// 基本信息 / 阵地 / 人员配备 / 经费 / 网格. The active tab lives in the URL (?tab=space) so a reload keeps it.
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CommunityDetailT } from '../../../shared/contract';
import { COMMUNITY_KIND_LABELS } from '../../../shared/enums';
import { ERR, FIELD_LABELS, UI } from '../../../shared/messages';
import { ApiError } from '../../api/client';
import { useCommunity, useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { IconAlert, IconChevronLeft } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { FundingTab } from './FundingTab';
import { GridsTab } from './GridsTab';
import { BasicTab, SpaceTab, StaffingTab, type Drafts } from './ProfileTabs';
import { ThreeHavePanel } from './ThreeHave';

const TABS = ['basic', 'space', 'staffing', 'funding', 'grids'] as const;
type TabKey = (typeof TABS)[number];
const TAB_LABELS: Record<TabKey, string> = {
  basic: UI.communities.basic,
  space: UI.communities.space,
  staffing: UI.communities.staffing,
  funding: UI.communities.funding,
  grids: UI.communities.gridsTab,
};

function BackLink() {
  return (
    <Anchor component={Link} to={PATHS.communities} size="sm" c="dimmed">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {UI.communities.backToList}
      </Group>
    </Anchor>
  );
}

export function CommunityDetail() {
  const params = useParams();
  const id = Number(params.id);
  const q = useCommunity(Number.isInteger(id) && id > 0 ? id : undefined);

  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (q.isPending) return <PageLoader />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.code === 'NOT_FOUND') return <NotFound />;
    return (
      <>
        <BackLink />
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  }
  // Keyed by id: drafts never leak from one community to another.
  return <Detail key={q.data.id} community={q.data} />;
}

function NotFound() {
  return (
    <Paper withBorder mt="md">
      <Empty action={<BackLink />}>{ERR.communityNotFound}</Empty>
    </Paper>
  );
}

function Detail({ community: c }: { community: CommunityDetailT }) {
  const [search, setSearch] = useSearchParams();
  const requested = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(requested ?? '') ? (requested as TabKey) : 'basic';
  const [drafts, setDrafts] = useState<Drafts>({});
  const [confirming, setConfirming] = useState(false);
  const retired = !!c.retiredAt;

  const onDone = (message: string) => ({
    onSuccess: () => {
      setConfirming(false);
      setDrafts({});
      notifySaved(message);
    },
    onError: (e: unknown) => {
      setConfirming(false);
      notifyError(e);
    },
  });
  const retire = useMutationFor('communities.retire', onDone(UI.communities.retiredDone));
  const restore = useMutationFor('communities.restore', onDone(UI.communities.restoredDone));

  const dirtyMark = (k: TabKey) => (k === 'basic' || k === 'space' || k === 'staffing') && drafts[k] !== undefined;

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        above={<BackLink />}
        title={
          <Group gap="sm" wrap="nowrap" component="span">
            <span>{c.name}</span>
            <Badge variant="light" color="civic" radius="sm" tt="none" fw={500}>
              {COMMUNITY_KIND_LABELS[c.kind]}
            </Badge>
            {retired && (
              <Badge variant="outline" color="gray" radius="sm" tt="none" fw={500}>
                {UI.communities.retired}
              </Badge>
            )}
          </Group>
        }
        subtitle={
          <Group gap="lg" wrap="wrap">
            <span>
              {FIELD_LABELS.officialName}：{c.officialName || UI.common.notSet}
            </span>
            <span>
              {UI.communities.code}：<span className="sg-code">{c.code}</span>
            </span>
          </Group>
        }
        actions={
          retired ? (
            <Button variant="light" onClick={() => setConfirming(true)}>
              {UI.communities.restore}
            </Button>
          ) : (
            <Button variant="default" c="red.8" onClick={() => setConfirming(true)}>
              {UI.communities.retire}
            </Button>
          )
        }
      />

      {retired && (
        <Alert color="yellow" variant="light" icon={<IconAlert />} mb="md">
          {UI.communities.retiredBanner(formatDate(c.retiredAt))}
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <Paper withBorder>
            <Tabs
              value={tab}
              keepMounted={false}
              onChange={(v) => {
                if (!v) return;
                const next = new URLSearchParams(search);
                next.set('tab', v);
                setSearch(next, { replace: true });
              }}
            >
              <Tabs.List px="md" pt={6}>
                {TABS.map((k) => (
                  <Tabs.Tab key={k} value={k} fz="md" px="md" py="sm">
                    {TAB_LABELS[k]}
                    {dirtyMark(k) ? ' *' : ''}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="basic" p="lg">
                <BasicTab
                  community={c}
                  draft={drafts.basic}
                  onDraft={(d) => setDrafts((p) => ({ ...p, basic: d }))}
                  readOnly={retired}
                />
              </Tabs.Panel>
              <Tabs.Panel value="space" p="lg">
                <SpaceTab
                  community={c}
                  draft={drafts.space}
                  onDraft={(d) => setDrafts((p) => ({ ...p, space: d }))}
                  readOnly={retired}
                />
              </Tabs.Panel>
              <Tabs.Panel value="staffing" p="lg">
                <StaffingTab
                  community={c}
                  draft={drafts.staffing}
                  onDraft={(d) => setDrafts((p) => ({ ...p, staffing: d }))}
                  readOnly={retired}
                />
              </Tabs.Panel>
              <Tabs.Panel value="funding" p="lg">
                <FundingTab community={c} readOnly={retired} />
              </Tabs.Panel>
              <Tabs.Panel value="grids" p="lg">
                <GridsTab communityId={c.id} readOnly={retired} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Stack gap="md">
            <ThreeHavePanel value={c.threeHave} vertical />
            <Paper withBorder p="md">
              <Stack gap={8}>
                <Fact label={UI.communities.grids} value={formatNumber(c.gridCount)} />
                <Fact label={UI.communities.households} value={formatNumber(c.households)} />
                <Fact label={UI.communities.population} value={formatNumber(c.population)} />
                <Fact label={UI.communities.updatedAt} value={formatDateTime(c.updatedAt)} />
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <ConfirmModal
        opened={confirming}
        title={retired ? UI.communities.restoreTitle : UI.communities.retireTitle}
        message={retired ? UI.communities.restoreConfirm(c.name) : UI.communities.retireConfirm(c.name)}
        confirmLabel={retired ? UI.communities.restore : UI.communities.retire}
        color={retired ? 'civic' : 'red'}
        loading={retire.isPending || restore.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => (retired ? restore.mutate({ id: c.id }) : retire.mutate({ id: c.id }))}
      />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" className="sg-num">
        {value}
      </Text>
    </Group>
  );
}
