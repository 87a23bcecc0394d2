// Flood protection for the public application form, without a captcha: each client
// address may submit a bounded number of applications in a sliding window, and look up
// tracking codes a bounded number of times a minute (a code has 32^10 values, so guessing
// is hopeless at this rate). Kept in the process: a province running several app
// processes multiplies the allowance by their number, which still bounds a flood.
import { AppError } from '../../platform/http/errors';

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly what: string) {}

  /** Counts one hit for key, or refuses with 429 and when to try again. */
  take(key: string, now = Date.now()): void {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      const minutes = Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 60_000));
      this.hits.set(key, recent);
      throw new AppError(429, 'RATE_LIMITED', `${this.what}过于频繁，请${minutes}分钟后再试`);
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.prune(since);
  }

  private prune(since: number): void {
    for (const [k, v] of this.hits) if (v.every((t) => t <= since)) this.hits.delete(k);
  }
}

/** Applications a client address may submit per hour on the portal. */
export const PUBLIC_APPLICATIONS_PER_HOUR = 20;
/** Tracking-code look-ups, supplements and ratings a client address may make per minute. */
export const PUBLIC_LOOKUPS_PER_MINUTE = 30;

/** Material files a client address may upload per hour on the portal (each up to 10 MB). */
export const PUBLIC_UPLOADS_PER_HOUR = 60;

export const uploadLimiter = () => new SlidingWindowLimiter(PUBLIC_UPLOADS_PER_HOUR, 3_600_000, '上传材料文件');
export const applyLimiter = () => new SlidingWindowLimiter(PUBLIC_APPLICATIONS_PER_HOUR, 3_600_000, '提交申请');
export const lookupLimiter = () => new SlidingWindowLimiter(PUBLIC_LOOKUPS_PER_MINUTE, 60_000, '查询');
