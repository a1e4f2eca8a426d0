import { useCallback, useState } from 'react';
import { ERR } from '../../shared/messages';
import { ApiError } from '../api/client';
import { notifyError } from './notify';

const PREFIX = new RegExp(`^${ERR.invalidInput}：「[^」]*」`);

/** Under a field its label is already visible: "输入有误：「户数」不能为负数" → "不能为负数". */
export function fieldMessage(message: string): string {
  const rest = message.replace(PREFIX, '').trim();
  return rest || message;
}

/**
 * Server errors for one form: an error naming one of `fields` is shown on that field, anything else as a red
 * notification.
 */
export function useFieldErrors<F extends string>(fields: readonly F[]) {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});

  // A stable key, so callers may pass a fresh array on every render.
  const known = fields.join('|');
  const handle = useCallback(
    (e: unknown) => {
      const name = e instanceof ApiError ? e.fieldName : undefined;
      if (name !== undefined && known.split('|').includes(name)) {
        setErrors({ [name]: fieldMessage((e as ApiError).message) } as Partial<Record<F, string>>);
      } else {
        setErrors({});
        notifyError(e);
      }
    },
    [known],
  );

  const clear = useCallback((field?: F) => {
    setErrors((prev) => {
      if (field === undefined) return Object.keys(prev).length ? {} : prev;
      if (!(field in prev)) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }, []);

  const set = useCallback((field: F, message: string) => {
    setErrors((prev) => ({ ...prev, [field]: message }));
  }, []);

  return { errors, handle, clear, set };
}
