import { pinyin } from 'pinyin-pro';

/**
 * Search keys for a Chinese name, computed at write time (never per keystroke): full pinyin without spaces or tones
 * ("zhangsan") and initials ("zs"). Person names use surname readings (曾 → zeng, 单 → shan).
 */
export function pinyinKeys(name: string, opts: { person?: boolean } = {}): { full: string; initials: string } {
  const base = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const;
  const surname = opts.person ? { surname: 'head' as const } : {};
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return {
    full: clean(pinyin(name, { ...base, ...surname })),
    initials: clean(pinyin(name, { ...base, ...surname, pattern: 'first' })),
  };
}

/** Whether a search text looks like pinyin (latin letters only). */
export function isPinyinQuery(q: string): boolean {
  return /^[a-z]+$/i.test(q);
}
