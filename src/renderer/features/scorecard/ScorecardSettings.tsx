// 考评设置: the participation thresholds (≥ N activities a year) and, per scorecard indicator, whether it counts and
// its weight. Weights are typed on any scale (percentages are natural) and shown with the share they come to; the
// core normalises them and refuses negative weights, no enabled indicator or all-zero weights in Chinese.
// 恢复默认 fills in the defaults; nothing is saved until 保存设置 (one settings.update = one transaction).
import { Alert, Button, Checkbox, Drawer, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import {
  DEFAULT_SCORE_SETTINGS,
  SCORE_INDICATORS,
  type ScoreIndicator,
  type SettingsT,
} from '../../../shared/contract';
import { STATS, STATS_UI } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { useMutationFor, useSettings } from '../../api/queries';
import { PageLoader } from '../../components/feedback';
import { notifySaved } from '../../components/notify';

const T = STATS_UI.settings;

interface Form {
  participationMin: number | string;
  participationTarget: number | string;
  weights: Record<ScoreIndicator, number | string>;
  enabled: ScoreIndicator[];
}

const pct1 = (x: number) => Math.round(x * 1000) / 10;

function formOf(
  s: Pick<SettingsT, 'participationMin' | 'participationTarget' | 'scoreWeights' | 'scoreEnabled'>,
): Form {
  return {
    participationMin: s.participationMin,
    participationTarget: s.participationTarget,
    weights: Object.fromEntries(SCORE_INDICATORS.map((k) => [k, pct1(s.scoreWeights[k])])) as Form['weights'],
    enabled: [...s.scoreEnabled],
  };
}

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));

export function ScorecardSettings({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const settings = useSettings();
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size={560} title={<Text fw={600}>{T.title}</Text>}>
      {settings.data ? (
        <SettingsForm key={JSON.stringify(settings.dataUpdatedAt)} settings={settings.data} onDone={onClose} />
      ) : (
        <PageLoader />
      )}
    </Drawer>
  );
}

function SettingsForm({ settings, onDone }: { settings: SettingsT; onDone: () => void }) {
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [error, setError] = useState<string | null>(null);
  const save = useMutationFor('settings.update', {
    onSuccess: () => {
      notifySaved(T.saved);
      onDone();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const sum = form.enabled.reduce((t, k) => t + (num(form.weights[k]) > 0 ? num(form.weights[k]) : 0), 0);
  const set = (patch: Partial<Form>) => {
    setError(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  const submit = () =>
    save.mutate({
      participationMin: num(form.participationMin),
      participationTarget: num(form.participationTarget),
      scoreWeights: Object.fromEntries(SCORE_INDICATORS.map((k) => [k, num(form.weights[k])])) as Record<
        ScoreIndicator,
        number
      >,
      scoreEnabled: SCORE_INDICATORS.filter((k) => form.enabled.includes(k)),
    });

  return (
    <Stack gap="md">
      <Group grow align="flex-start">
        <NumberInput
          label={T.participationMin}
          description={T.participationMinHint}
          value={form.participationMin}
          onChange={(v) => set({ participationMin: v })}
          min={1}
          max={366}
          allowDecimal={false}
        />
        <NumberInput
          label={T.participationTarget}
          description={T.participationTargetHint}
          value={form.participationTarget}
          onChange={(v) => set({ participationTarget: v })}
          min={1}
          max={366}
          allowDecimal={false}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {T.quarterNote}
      </Text>

      <div>
        <Text fw={600} size="sm">
          {T.weights}
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          {T.weightsHint}
        </Text>
        <Table verticalSpacing={4} fz="sm" aria-label={T.weights}>
          <Table.Tbody>
            {SCORE_INDICATORS.map((k) => {
              const on = form.enabled.includes(k);
              const w = num(form.weights[k]);
              return (
                <Table.Tr key={k}>
                  <Table.Td w={40}>
                    <Checkbox
                      aria-label={`${T.enabled}：${STATS.indicators[k].label}`}
                      checked={on}
                      onChange={(e) =>
                        set({
                          enabled: e.currentTarget.checked ? [...form.enabled, k] : form.enabled.filter((x) => x !== k),
                        })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={on ? undefined : 'dimmed'}>
                      {STATS.indicators[k].label}
                    </Text>
                  </Table.Td>
                  <Table.Td w={130}>
                    <NumberInput
                      size="xs"
                      aria-label={STATS_UI.fields[k]}
                      value={form.weights[k]}
                      onChange={(v) => set({ weights: { ...form.weights, [k]: v } })}
                      min={0}
                      max={1000}
                      decimalScale={2}
                      disabled={!on}
                    />
                  </Table.Td>
                  <Table.Td w={90}>
                    <Text size="xs" c="dimmed">
                      {on && sum > 0 && w >= 0 ? T.share(`${pct1(w / sum)}%`) : T.disabled}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>

      {error && (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      )}

      <Group justify="space-between">
        <Button variant="subtle" title={T.resetHint} onClick={() => set(formOf(DEFAULT_SCORE_SETTINGS))}>
          {T.reset}
        </Button>
        <Button onClick={submit} loading={save.isPending}>
          {T.save}
        </Button>
      </Group>
    </Stack>
  );
}
