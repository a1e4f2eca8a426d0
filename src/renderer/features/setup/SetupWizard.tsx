// First run: pick the street from the official division list (省 → 市 → 区/县 → 街道, or type its 9-digit code),
// check the official list of 村(居)委会 it brings, and set up the database with `street.setup` — optionally followed by
// 载入演示数据 (see the end of this file, also offered on the home page while the street has no members).
import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Checkbox,
  Divider,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { MutationObserver, useIsMutating, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { AppStatusT } from '../../../shared/contract';
import { COMMUNITY_KIND_LABELS } from '../../../shared/enums';
import { APP_NAME, ERR, UI } from '../../../shared/messages';
import { errorMessage, invoke } from '../../api/client';
import {
  keys,
  lookupStreet,
  queryClient,
  useAreas,
  useCities,
  useMemberTotal,
  useMutationFor,
  useProvinces,
  useStreets,
  useVillages,
} from '../../api/queries';
import { PageLoader, QueryError } from '../../components/feedback';
import { AppMark, IconAlert } from '../../components/icons';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';

type Item = { code: string; name: string };
const toData = (items: Item[] | undefined) => (items ?? []).map((i) => ({ value: i.code, label: i.name }));

const selectProps = {
  searchable: true,
  allowDeselect: false,
  placeholder: UI.wizard.pick,
  nothingFoundMessage: UI.common.nothingFound,
  maxDropdownHeight: 300,
  comboboxProps: { shadow: 'md', keepMounted: false },
} as const;

export function SetupWizard({ status }: { status: AppStatusT }) {
  const [province, setProvince] = useState<string | null>(null);
  const [city, setCity] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [street, setStreet] = useState<string | null>(null);
  const [codeText, setCodeText] = useState('');
  const [withDemo, setWithDemo] = useState(false);
  const errors = useFieldErrors(['streetCode'] as const);
  const lookupSeq = useRef(0);

  const provinces = useProvinces();
  const cities = useCities(province);
  const areas = useAreas(city);
  const streets = useStreets(area);
  const villages = useVillages(street);
  const streetInfo = useQuery({
    queryKey: keys.divisions('street', street ?? ''),
    queryFn: () => invoke('divisions.street', { code: street ?? '' }),
    enabled: !!street,
    staleTime: Infinity,
  });

  const setup = useMutationFor('street.setup', {
    onSuccess: (r) => {
      notifySaved(UI.wizard.done(r.street.name));
      // The wizard is gone by now (the app shows the home page); the demo mutation lives on in the query client.
      if (withDemo) void runDemoSeed(true);
    },
    onError: (e) => errors.handle(e),
  });

  // A typed 9-digit code fills the four selects.
  useEffect(() => {
    const code = codeText.trim();
    if (!/^\d{9}$/.test(code) || code === street) return;
    const seq = ++lookupSeq.current;
    lookupStreet(code)
      .then((info) => {
        if (seq !== lookupSeq.current) return;
        if (!info) {
          errors.set('streetCode', ERR.unknownStreet(code));
          return;
        }
        errors.clear();
        setProvince(info.provinceCode);
        setCity(info.cityCode);
        setArea(info.areaCode);
        setStreet(info.code);
      })
      .catch((e: unknown) => {
        if (seq === lookupSeq.current) errors.handle(e);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codeText]);

  const onCodeChange = (v: string) => {
    const digits = v.replace(/\s/g, '');
    setCodeText(digits);
    errors.clear();
    if (digits !== '' && !/^\d*$/.test(digits)) errors.set('streetCode', ERR.streetCodeFormat);
  };

  const list = villages.data ?? [];
  const nCommunity = list.filter((v) => v.kind === 'community').length;
  const info = streetInfo.data;

  return (
    <Box mih="100vh" py={24} px="md" bg="gray.0">
      <Center>
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={920}>
          <Stack gap="md">
            <Group gap="sm">
              <AppMark size={32} />
              <Text fw={700} size="lg">
                {APP_NAME}
              </Text>
            </Group>
            <div>
              <Title order={2} fz={22} mb={6}>
                {UI.wizard.title}
              </Title>
              <Text size="sm" c="dimmed" maw={760}>
                {UI.wizard.intro}
              </Text>
            </div>

            {provinces.isError ? (
              <QueryError error={provinces.error} onRetry={() => void provinces.refetch()} />
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                <Select
                  {...selectProps}
                  label={UI.wizard.province}
                  data={toData(provinces.data)}
                  value={province}
                  disabled={provinces.isPending}
                  onChange={(v) => {
                    setProvince(v);
                    setCity(null);
                    setArea(null);
                    setStreet(null);
                    setCodeText('');
                    errors.clear();
                  }}
                />
                <Select
                  {...selectProps}
                  label={UI.wizard.city}
                  data={toData(cities.data)}
                  value={city}
                  disabled={!province}
                  onChange={(v) => {
                    setCity(v);
                    setArea(null);
                    setStreet(null);
                    setCodeText('');
                    errors.clear();
                  }}
                />
                <Select
                  {...selectProps}
                  label={UI.wizard.area}
                  data={toData(areas.data)}
                  value={area}
                  disabled={!city}
                  onChange={(v) => {
                    setArea(v);
                    setStreet(null);
                    setCodeText('');
                    errors.clear();
                  }}
                />
                <Select
                  {...selectProps}
                  label={UI.wizard.street}
                  data={toData(streets.data)}
                  value={street}
                  disabled={!area}
                  onChange={(v) => {
                    setStreet(v);
                    setCodeText(v ?? '');
                    errors.clear();
                  }}
                />
              </SimpleGrid>
            )}

            <Group align="flex-start" gap="md">
              <TextInput
                label={UI.wizard.codeInput}
                placeholder={UI.wizard.codePlaceholder}
                value={codeText}
                onChange={(e) => onCodeChange(e.currentTarget.value)}
                error={errors.errors.streetCode}
                maxLength={9}
                inputMode="numeric"
                w={360}
                classNames={{ input: 'sg-code' }}
              />
            </Group>

            {street && (
              <Paper withBorder radius="md" p="md" bg="gray.0">
                <Stack gap="sm">
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap="sm" wrap="nowrap">
                      <Text size="sm" c="dimmed" className="sg-nowrap">
                        {UI.wizard.selected}
                      </Text>
                      <Text fw={600}>
                        {info
                          ? [info.provinceName, info.cityName, info.areaName, info.name].join(' ')
                          : UI.common.loading}
                      </Text>
                    </Group>
                    <Badge variant="outline" size="lg" radius="sm" tt="none" className="sg-code">
                      {UI.wizard.codeLabel} {street}
                    </Badge>
                  </Group>
                  <Divider />
                  <Text size="sm" fw={600}>
                    {UI.wizard.previewTitle}
                  </Text>
                  {villages.isPending ? (
                    <PageLoader />
                  ) : villages.isError ? (
                    <QueryError error={villages.error} onRetry={() => void villages.refetch()} />
                  ) : list.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {UI.wizard.previewEmpty}
                    </Text>
                  ) : (
                    <>
                      <Text size="sm">{UI.wizard.preview(list.length, nCommunity, list.length - nCommunity)}</Text>
                      <ScrollArea.Autosize mah={228} type="auto" offsetScrollbars>
                        <Table
                          striped
                          highlightOnHover
                          stickyHeader
                          withTableBorder
                          fz="sm"
                          bg="white"
                          verticalSpacing={6}
                        >
                          <Table.Thead>
                            <Table.Tr>
                              <Table.Th w={150}>{UI.wizard.colCode}</Table.Th>
                              <Table.Th>{UI.wizard.colOfficialName}</Table.Th>
                              <Table.Th>{UI.wizard.colName}</Table.Th>
                              <Table.Th w={70}>{UI.wizard.colKind}</Table.Th>
                            </Table.Tr>
                          </Table.Thead>
                          <Table.Tbody>
                            {list.map((v) => (
                              <Table.Tr key={v.code}>
                                <Table.Td className="sg-code">{v.code}</Table.Td>
                                <Table.Td>{v.officialName}</Table.Td>
                                <Table.Td>{v.name}</Table.Td>
                                <Table.Td>{COMMUNITY_KIND_LABELS[v.kind]}</Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      </ScrollArea.Autosize>
                    </>
                  )}
                </Stack>
              </Paper>
            )}

            <Checkbox
              label={UI.demoSeed.checkbox}
              description={UI.demoSeed.checkboxHint}
              checked={withDemo}
              onChange={(e) => setWithDemo(e.currentTarget.checked)}
              color="yellow.8"
            />

            <Divider />
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  {UI.wizard.dataVersion(status.divisionDataVersion)}
                </Text>
                <Text size="xs" c="dimmed">
                  {UI.wizard.stepHint}
                </Text>
              </Stack>
              <Button
                size="md"
                disabled={!street || villages.isPending}
                loading={setup.isPending}
                onClick={() => street && setup.mutate({ streetCode: street })}
              >
                {UI.wizard.submit}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}

// ---- 载入演示数据 ------------------------------------------------------------------------------------------------
// Fictitious grids, units, members and a liaison network ('demo.seed', 2000 members) so the office can try the app.
// Both entry points (the wizard's checkbox, the home page card) run the same mutation, which lives in the query
// client rather than in a component, so it finishes — and reports — even after the wizard has unmounted.

export const DEMO_MEMBERS = 2000;
const DEMO_KEY = ['demo.seed'] as const;
const NOTE_ID = 'streetgrid-demo-seed';

/** Loads the demo data, with a notification that tells how it went. `afterSetup`: called right after street.setup. */
export function runDemoSeed(afterSetup = false): Promise<boolean> {
  if (queryClient.isMutating({ mutationKey: DEMO_KEY }) > 0) return Promise.resolve(false);
  notifications.show({
    id: NOTE_ID,
    loading: true,
    title: UI.demoSeed.badge,
    message: UI.demoSeed.running,
    autoClose: false,
    withCloseButton: false,
  });
  const observer = new MutationObserver(queryClient, {
    mutationKey: DEMO_KEY,
    mutationFn: () => invoke('demo.seed', { members: DEMO_MEMBERS }),
  });
  return observer.mutate(undefined).then(
    (c) => {
      notifications.update({
        id: NOTE_ID,
        loading: false,
        color: 'green',
        title: UI.demoSeed.doneTitle,
        message: UI.demoSeed.done(c),
        autoClose: 10_000,
        withCloseButton: true,
      });
      return true;
    },
    (e: unknown) => {
      notifications.update({
        id: NOTE_ID,
        loading: false,
        color: 'red',
        title: UI.demoSeed.failedTitle,
        message: afterSetup ? `${errorMessage(e)} ${UI.demoSeed.failedAfterSetup}` : errorMessage(e),
        autoClose: false,
        withCloseButton: true,
      });
      return false;
    },
  );
}

export function useDemoSeeding(): boolean {
  return useIsMutating({ mutationKey: DEMO_KEY }) > 0;
}

/** Home page: while the street has no members, offer the demo data (clearly marked as such). */
export function DemoSeedCard() {
  const total = useMemberTotal();
  const seeding = useDemoSeeding();
  if (total.data !== 0 && !seeding) return null;
  return (
    <Paper withBorder p="lg" style={{ borderColor: 'var(--mantine-color-yellow-4)' }}>
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={4} fz={16}>
            {UI.demoSeed.cardTitle}
          </Title>
          <Badge color="yellow" variant="light" radius="sm" tt="none" fw={500}>
            {UI.demoSeed.badge}
          </Badge>
        </Group>
        <Text size="sm">{UI.demoSeed.cardText}</Text>
        <Alert color="yellow" variant="light" icon={<IconAlert />} py="xs">
          <Text size="sm">{UI.demoSeed.cardWarning}</Text>
        </Alert>
        <Group>
          <Button variant="light" color="yellow.9" loading={seeding} onClick={() => void runDemoSeed()}>
            {UI.demoSeed.button}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
