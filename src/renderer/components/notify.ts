import { notifications } from '@mantine/notifications';
import { UI } from '../../shared/messages';
import { errorMessage } from '../api/client';

export function notifySaved(message: string = UI.common.saved): void {
  notifications.show({ color: 'green', message, autoClose: 2500 });
}

export function notifyError(e: unknown): void {
  notifications.show({ color: 'red', title: UI.common.error, message: errorMessage(e), autoClose: 8000 });
}
