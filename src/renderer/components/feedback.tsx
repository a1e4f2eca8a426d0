import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { UI } from '../../shared/messages';
import { errorMessage } from '../api/client';
import { IconAlert, IconInbox } from './icons';

/** Loading state inside a page or panel. */
export function PageLoader({ label = UI.common.loading }: { label?: string }) {
  return (
    <Center py={48}>
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

/** Loading state before anything else can be shown (app start). */
export function FullScreenLoader() {
  return (
    <Center h="100vh">
      <Stack align="center" gap="sm">
        <Loader />
        <Text c="dimmed" size="sm">
          {UI.common.loading}
        </Text>
      </Stack>
    </Center>
  );
}

/** A failed query: the Chinese message and a retry button. */
export function QueryError({
  error,
  onRetry,
  title = UI.errors.loadFailed,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlert />} my="md">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {UI.common.retry}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Nothing to show yet. */
export function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py={40} c="dimmed">
      <IconInbox size={32} />
      <Text size="sm" c="dimmed" ta="center">
        {children}
      </Text>
      {action}
    </Stack>
  );
}
