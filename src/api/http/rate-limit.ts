import type { Request, RequestHandler, Response } from 'express';
import { errorBody } from '../errors.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by caller: `burst` requests at once, refilled at `perMinute`. At most `maxEntries` callers are
 * tracked (least recently seen dropped first): an evicted caller comes back with a full bucket, which is what an
 * idle caller would have anyway, and a flood of new addresses cannot exhaust memory.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly burst: number,
    perMinute: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one token; when none is left, says how long until one is. */
  take(key: string): { readonly allowed: boolean; readonly retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxEntries) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)) };
  }
}

/** Answers 429 with Retry-After when the caller named by `keyOf` has no token left. */
export function rateLimit(buckets: TokenBuckets, keyOf: (req: Request, res: Response) => string): RequestHandler {
  return (req, res, next) => {
    const { allowed, retryAfterSeconds } = buckets.take(keyOf(req, res));
    if (allowed) {
      next();
      return;
    }
    res
      .status(429)
      .set('Retry-After', String(retryAfterSeconds))
      .type('application/json')
      .send(errorBody('RATE_LIMITED', `too many requests: retry in ${retryAfterSeconds} s`));
  };
}

/** The peer address. X-Forwarded-For is not trusted: any client could write it to dodge its limit. */
export const clientAddress = (req: Request): string => `ip:${req.socket.remoteAddress ?? 'unknown'}`;
