import { describe, expect, it } from 'vitest';
import {
  formatDateZh,
  idNumberFacts,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  isValidUscc,
  maskIdNumber,
  maskPhone,
} from '../../../src/shared/validators';

describe('GB 11643 ID numbers', () => {
  it('accepts the standard test vector and derives birth date and gender', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(idNumberFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
  });
  it('rejects a wrong check digit, an impossible date, lowercase x and wrong lengths', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519490230002X')).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('accepts valid codes and rejects a wrong check character', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y4Z')).toBe(false);
    expect(isValidUscc('91110000600037341L')).toBe(true);
    expect(isValidUscc('9111000060003734IL')).toBe(false); // I is not in the code set
  });
});

describe('phones, masking, dates', () => {
  it('validates mainland mobiles and landlines', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('12812345678')).toBe(false);
    expect(isValidPhone('010-65123456')).toBe(true);
    expect(isValidPhone('12345')).toBe(false);
  });
  it('masks as DOMAIN.md shows', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('formats document dates in Chinese', () => {
    expect(formatDateZh('2026-11-22')).toBe('2026年11月22日');
    expect(formatDateZh('2026-01-05T10:00:00Z')).toBe('2026年1月5日');
  });
});
