import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { AppStatusT, SettingsT, StreetT } from '../../../shared/contract';
import { ERR, UI } from '../../../shared/messages';
import { useMutationFor, useSettings, useStatus } from '../../api/queries';
import { PageLoader, QueryError } from '../../components/feedback';
import { districtLine, numOrNull, textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { useFieldErrors } from '../../components/useFieldErrors';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Title order={3} fz={17} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function FormActions({ dirty, loading, onCancel }: { dirty: boolean; loading: boolean; onCancel: () => void }) {
  return (
    <Group gap="sm">
      <Button type="submit" loading={loading} disabled={!dirty}>
        {UI.common.save}
      </Button>
      {dirty && (
        <Button variant="subtle" color="gray" onClick={onCancel} disabled={loading}>
          {UI.common.cancel}
        </Button>
      )}
    </Group>
  );
}

export function SettingsPage() {
  const settings = useSettings();
  const status = useStatus();

  return (
    <>
      <PageHeader title={UI.settings.title} />
      <Stack gap="lg" maw={880}>
        {settings.isPending ? (
          <PageLoader />
        ) : settings.isError ? (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <RulesForm settings={settings.data} />
        )}
        {status.data?.street && <StreetForm street={status.data.street} />}
        {status.data && <About status={status.data} />}
      </Stack>
    </>
  );
}

// ---- operator + 三有 thresholds ---------------------------------------------------------------------------------

const RULE_FIELDS = ['operatorName', 'minSpaceArea', 'minFunding'] as const;
type RulesDraft = { operatorName: string; minSpaceArea: number | string; minFunding: number | string };

function RulesForm({ settings: s }: { settings: SettingsT }) {
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const value: RulesDraft = draft ?? {
    operatorName: s.operatorName,
    minSpaceArea: s.minSpaceArea,
    minFunding: s.minFunding,
  };
  const set = (p: Partial<RulesDraft>) => setDraft({ ...value, ...p });
  const errors = useFieldErrors(RULE_FIELDS);
  const update = useMutationFor('settings.update', {
    onSuccess: () => {
      setDraft(null);
      notifySaved();
    },
    onError: (e) => errors.handle(e),
  });

  const submit = () => {
    errors.clear();
    if (!value.operatorName.trim()) return errors.set('operatorName', ERR.required);
    const area = numOrNull(value.minSpaceArea);
    const funds = numOrNull(value.minFunding);
    if (area === null) return errors.set('minSpaceArea', ERR.required);
    if (funds === null) return errors.set('minFunding', ERR.required);
    update.mutate({ operatorName: value.operatorName.trim(), minSpaceArea: area, minFunding: funds });
  };

  return (
    <Section title={UI.settings.rules}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <TextInput
            label={UI.settings.operator}
            description={UI.settings.operatorHint}
            value={value.operatorName}
            onChange={(e) => {
              set({ operatorName: e.currentTarget.value });
              errors.clear('operatorName');
            }}
            error={errors.errors.operatorName}
            maxLength={20}
            maw={360}
            withAsterisk
          />
          <SimpleGrid cols={2} spacing="md">
            <NumberInput
              label={UI.settings.minSpaceArea}
              value={value.minSpaceArea}
              onChange={(v) => {
                set({ minSpaceArea: v });
                errors.clear('minSpaceArea');
              }}
              error={errors.errors.minSpaceArea}
              min={0}
              allowNegative={false}
              decimalScale={2}
            />
            <NumberInput
              label={UI.settings.minFunding}
              value={value.minFunding}
              onChange={(v) => {
                set({ minFunding: v });
                errors.clear('minFunding');
              }}
              error={errors.errors.minFunding}
              min={0}
              allowNegative={false}
              decimalScale={2}
              thousandSeparator=","
            />
          </SimpleGrid>
          <FormActions dirty={draft !== null} loading={update.isPending} onCancel={() => setDraft(null)} />
        </Stack>
      </form>
    </Section>
  );
}

// ---- street contact -------------------------------------------------------------------------------------------

const STREET_FIELDS = ['contactPerson', 'contactPhone', 'address'] as const;
type StreetDraft = { contactPerson: string; contactPhone: string; address: string };

function ReadOnly({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <Text size="sm" c="dimmed" mb={4}>
        {label}
      </Text>
      <Text size="sm" className={mono ? 'sg-code' : undefined}>
        {value}
      </Text>
    </div>
  );
}

function StreetForm({ street: st }: { street: StreetT }) {
  const [draft, setDraft] = useState<StreetDraft | null>(null);
  const value: StreetDraft = draft ?? {
    contactPerson: st.contactPerson ?? '',
    contactPhone: st.contactPhone ?? '',
    address: st.address ?? '',
  };
  const set = (p: Partial<StreetDraft>) => setDraft({ ...value, ...p });
  const errors = useFieldErrors(STREET_FIELDS);
  const update = useMutationFor('street.update', {
    onSuccess: () => {
      setDraft(null);
      notifySaved();
    },
    onError: (e) => errors.handle(e),
  });

  const submit = () => {
    errors.clear();
    update.mutate({
      contactPerson: textOrNull(value.contactPerson),
      contactPhone: value.contactPhone.trim() === '' ? null : value.contactPhone.trim(),
      address: textOrNull(value.address),
    });
  };

  return (
    <Section title={UI.settings.street}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <SimpleGrid cols={3} spacing="md">
            <ReadOnly label={UI.settings.streetName} value={st.name} />
            <ReadOnly label={UI.settings.streetCode} value={st.code} mono />
            <ReadOnly label={UI.settings.district} value={districtLine(st)} />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="md">
            <TextInput
              label={UI.settings.contactPerson}
              value={value.contactPerson}
              onChange={(e) => {
                set({ contactPerson: e.currentTarget.value });
                errors.clear('contactPerson');
              }}
              error={errors.errors.contactPerson}
              maxLength={20}
            />
            <TextInput
              label={UI.settings.contactPhone}
              value={value.contactPhone}
              onChange={(e) => {
                set({ contactPhone: e.currentTarget.value });
                errors.clear('contactPhone');
              }}
              error={errors.errors.contactPhone}
              maxLength={30}
              inputMode="tel"
            />
          </SimpleGrid>
          <TextInput
            label={UI.settings.address}
            value={value.address}
            onChange={(e) => {
              set({ address: e.currentTarget.value });
              errors.clear('address');
            }}
            error={errors.errors.address}
            maxLength={100}
          />
          <FormActions dirty={draft !== null} loading={update.isPending} onCancel={() => setDraft(null)} />
        </Stack>
      </form>
    </Section>
  );
}

// ---- about this installation -----------------------------------------------------------------------------------

function About({ status: s }: { status: AppStatusT }) {
  const rows: [string, string, boolean?][] = [
    [UI.settings.dbPath, s.dbPath, true],
    [UI.settings.schemaVersion, String(s.schemaVersion)],
    [UI.settings.dataVersion, s.divisionDataVersion],
    [UI.settings.mode, UI.settings.modes[s.mode]],
  ];
  return (
    <Section title={UI.settings.about}>
      <Stack gap={8}>
        {rows.map(([label, value, mono]) => (
          <Group key={label} gap="md" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
              {label}
            </Text>
            <Text size="sm" className={mono ? 'sg-code' : undefined} style={{ wordBreak: 'break-all' }}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}
