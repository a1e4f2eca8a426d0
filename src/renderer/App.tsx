import { Button, Center, Stack } from '@mantine/core';
import { UI } from '../shared/messages';
import { useStatus } from './api/queries';
import { AppLayout } from './components/AppLayout';
import { FullScreenLoader, QueryError } from './components/feedback';
import { SetupWizard } from './features/setup/SetupWizard';
import { AppRoutes } from './routes';

/** Reads app.status first: an uninitialised database shows the first-run wizard full-screen. */
export function App() {
  const status = useStatus();

  if (status.isPending) return <FullScreenLoader />;
  if (status.isError) {
    return (
      <Center h="100vh" p="lg">
        <Stack w={520}>
          <QueryError error={status.error} />
          <Button variant="default" onClick={() => void status.refetch()}>
            {UI.common.retry}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!status.data.initialized) return <SetupWizard status={status.data} />;
  return (
    <AppLayout street={status.data.street}>
      <AppRoutes />
    </AppLayout>
  );
}
