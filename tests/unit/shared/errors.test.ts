import { describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { fromZodError } from '../../../src/shared/errors';

function messageFor(method: keyof typeof contract, input: unknown) {
  const r = contract[method].input.safeParse(input);
  if (r.success) throw new Error('expected failure');
  return fromZodError(r.error);
}

describe('zod errors become one Chinese message naming the field', () => {
  it('names the field in Chinese', () => {
    const e = messageFor('communities.update', { id: 1, spaceArea: -3 });
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('spaceArea');
    expect(e.message).toBe('输入有误：「阵地面积（平方米）」不能为负数');
  });
  it('explains missing required values and unknown keys', () => {
    expect(messageFor('grids.create', { communityId: 1, code: 'A1' }).message).toContain('「名称」不能为空');
    expect(messageFor('communities.update', { id: 1, nonsense: 1 }).message).toContain('nonsense');
    expect(messageFor('street.setup', { streetCode: 'abc' }).message).toContain('9 位数字');
  });
});
