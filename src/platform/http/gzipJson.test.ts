// Which Accept-Encoding headers get a gzip-compressed body.
import { describe, expect, it } from 'vitest';
import { acceptsGzip } from './gzipJson';

describe('Accept-Encoding', () => {
  it('admits gzip when named or by *, unless its quality is zero', () => {
    for (const yes of ['gzip', 'gzip, deflate, br', 'br;q=1.0, GZIP;q=0.5', '*', 'identity, *;q=0.1', ['deflate', 'gzip']]) expect(acceptsGzip(yes), String(yes)).toBe(true);
    for (const no of [undefined, '', 'identity', 'deflate, br', 'gzip;q=0', 'gzip; q=0.000', 'x-gzip2']) expect(acceptsGzip(no), String(no)).toBe(false);
  });
});
