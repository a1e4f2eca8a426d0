import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Page title with an optional subtitle and actions on the right. */
export function PageHeader({
  title,
  subtitle,
  actions,
  above,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
}) {
  return (
    <Stack gap={6} mb="lg">
      {above}
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={2} fz={24}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" component="div">
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
