import { Alert, Button, Group, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { UI } from '../../shared/messages';
import { IconAlert } from './icons';

interface Props {
  children: ReactNode;
  /** Called by "返回首页" after the boundary reset. */
  onHome?: () => void;
}

interface State {
  failed: boolean;
}

/** Catches render errors of one page so the shell (navigation) keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[renderer] page crashed', error, info.componentStack);
  }

  private reset = (): void => {
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert color="red" variant="light" icon={<IconAlert />} title={UI.common.error} maw={640} mx="auto" mt="xl">
        <Text size="sm" mb="md">
          {UI.errors.boundary}
        </Text>
        <Group gap="sm">
          <Button size="xs" color="red" variant="white" onClick={this.reset}>
            {UI.common.retry}
          </Button>
          {this.props.onHome && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => {
                this.reset();
                this.props.onHome?.();
              }}
            >
              {UI.errors.backHome}
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
}
