// JSON bodies kept gzip-compressed: built once, sent compressed to the clients that accept
// it (every browser), decompressed for the few that do not (curl without --compressed,
// the API tests). For large bodies that do not change once written, such as a drawn
// plan's public record (decision 10): a province's is over a hundred megabytes of JSON,
// four once compressed.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The value as gzip-compressed JSON (compressed on libuv's thread pool, not the event loop). */
export function gzipJson(value: unknown): Promise<Buffer> {
  return gzipAsync(JSON.stringify(value), { level: 6 });
}

/** Whether an Accept-Encoding header admits gzip: named (or '*') without q=0. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Sends a gzipJson body, compressed when the client accepts it. */
export async function sendGzippedJson(req: FastifyRequest, reply: FastifyReply, body: Buffer): Promise<FastifyReply> {
  reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (acceptsGzip(req.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(body);
  return reply.send(await gunzipAsync(body));
}
