import type { z } from 'zod';
import { ERR, FIELD_LABEL_SCOPES, FIELD_LABELS } from './messages';

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'NOT_INITIALIZED'
  | 'ALREADY_INITIALIZED'
  | 'FORBIDDEN'
  | 'DB_REFUSED'
  | 'STORAGE'
  | 'INTERNAL';

/** What crosses the IPC / HTTP boundary. Never a stack trace. */
export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  field?: string;
  row?: number;
}

export type Envelope<T> = { ok: true; data: T; changed?: string[] } | { ok: false; error: ApiErrorShape };

/** An expected, user-facing failure. The message is zh-CN and safe to show. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly row: number | undefined;
  constructor(code: ErrorCode, message: string, opts: { field?: string; row?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = opts.field;
    this.row = opts.row;
  }
  /** Keeps the underlying error for logs; it never crosses the boundary. */
  withCause(cause: unknown): this {
    (this as { cause?: unknown }).cause = cause;
    return this;
  }
  toShape(): ApiErrorShape {
    const s: ApiErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) s.field = this.field;
    if (this.row !== undefined) s.row = this.row;
    return s;
  }
}

/** The label of a field path, from the method's own area first (`method` like 'meetings.create'). */
export function fieldLabel(path: readonly PropertyKey[], method?: string): string {
  const scoped = method ? FIELD_LABEL_SCOPES[method.split('.')[0] ?? ''] : undefined;
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    if (typeof k !== 'string') continue;
    const label = scoped?.[k] ?? FIELD_LABELS[k];
    if (label) return label;
  }
  const last = path[path.length - 1];
  return last === undefined ? '' : String(last);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return ERR.required;
      return issue.expected === 'number' || issue.expected === 'int' ? '应为数字' : '类型不正确';
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? ERR.required : `至少 ${String(issue.minimum)} 个字符`;
      if (issue.origin === 'number' && Number(issue.minimum) === 0) return ERR.notNegative;
      if (issue.origin === 'array') return `至少 ${String(issue.minimum)} 项`;
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return ERR.tooLong(Number(issue.maximum));
      if (issue.origin === 'array') return `不能超过 ${String(issue.maximum)} 项`;
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'unrecognized_keys':
      return `含有无法识别的字段：${issue.keys.join('、')}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message || ERR.invalidInput;
  }
}

/** Turns a zod error into one Chinese message naming the field (the first issue wins). */
export function fromZodError(error: z.ZodError, method?: string): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError('VALIDATION', ERR.invalidInput);
  const label = fieldLabel(issue.path, method);
  // Messages written in our schemas are Chinese; zod's built-in defaults are English and get described here.
  const detail = /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : describeIssue(issue);
  const field = issue.path.map(String).join('.');
  const message = label ? `${ERR.invalidInput}：「${label}」${detail}` : `${ERR.invalidInput}：${detail}`;
  return new AppError('VALIDATION', message, field ? { field } : {});
}

/**
 * Disk full, read-only or vanished media (SQLite result codes, Node fs error codes) as one Chinese AppError with the
 * original error kept as its cause; null for anything else.
 */
export function storageError(e: unknown): AppError | null {
  const raw = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  const code = typeof raw === 'string' ? raw : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('STORAGE', ERR.diskFull).withCause(e);
  if (/^SQLITE_(READONLY|CANTOPEN)/.test(code) || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return new AppError('STORAGE', ERR.readOnlyLocation).withCause(e);
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return new AppError('STORAGE', ERR.ioError).withCause(e);
  return null;
}

export function toErrorShape(e: unknown): ApiErrorShape {
  if (e instanceof AppError) return e.toShape();
  const storage = storageError(e);
  if (storage) return storage.toShape();
  return { code: 'INTERNAL', message: ERR.internal };
}
