import dayjs from 'dayjs';
import { UI } from '../../shared/messages';

const nf = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** 12345.5 → "12,345.5"; null → "—". */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? UI.common.dash : nf.format(n);
}

/** ISO → 2026年11月22日 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return UI.common.dash;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY年M月D日 HH:mm') : iso;
}

/** ISO → 2026年11月22日 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return UI.common.dash;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY年M月D日') : iso;
}

/** A NumberInput value ('' when empty) → number | null. */
export function numOrNull(v: number | string): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = v.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Text input → trimmed string or null when blank. */
export function textOrNull(v: string): string | null {
  const t = v.trim();
  return t === '' ? null : t;
}

/** Province/city/district as one line; the 直辖市 city level "市辖区" is left out. */
export function districtLine(s: { provinceName: string; cityName: string; districtName: string }): string {
  return [s.provinceName, s.cityName === UI.wizard.municipalDistrict ? null : s.cityName, s.districtName]
    .filter(Boolean)
    .join(' ');
}
