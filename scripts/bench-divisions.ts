/**
 * Timing check for src/core/divisions (not a test: timings are machine dependent).
 * Run: `npx tsx scripts/bench-divisions.ts`. Run it in a fresh process so the
 * "cold" numbers include loading and parsing the data files.
 */
import { performance } from 'node:perf_hooks';
import { getStreet, listStreets, listVillages } from '../src/core/divisions/index';

const BUDGET_MS = 200;

function time<T>(label: string, fn: () => T, describe: (result: T) => string): number {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  console.log(`  ${label.padEnd(52)} ${ms.toFixed(2).padStart(8)} ms  (${describe(result)})`);
  return ms;
}

const count = (list: unknown[]): string => `${list.length} 条`;

console.log('行政区划读取耗时：');
const results: [string, number][] = [
  [
    'listStreets 冷启动（含加载索引）',
    time('listStreets(110101) 冷启动（含加载索引）', () => listStreets('110101'), count),
  ],
];
time('listStreets(110101) 热', () => listStreets('110101'), count);
time(
  'getStreet(110101001) 热',
  () => getStreet('110101001'),
  (s) => s?.name ?? 'null',
);
results.push([
  'listVillages 冷（北京村级文件）',
  time('listVillages(110101001) 冷（加载北京村级文件）', () => listVillages('110101001'), count),
]);
time('listVillages(110101001) 热', () => listVillages('110101001'), count);
results.push([
  'listVillages 冷（山东，最大的村级文件）',
  time('listVillages(370102001) 冷（加载山东村级文件）', () => listVillages('370102001'), count),
]);
time('listVillages(370102002) 同省另一乡级（首次）', () => listVillages('370102002'), count);

const over = results.filter(([, ms]) => ms >= BUDGET_MS);
if (over.length > 0) {
  console.log(`超出 ${BUDGET_MS} ms 预算：${over.map(([l]) => l).join('、')}`);
  process.exitCode = 1;
} else {
  console.log(`冷启动均低于 ${BUDGET_MS} ms 预算。`);
}
