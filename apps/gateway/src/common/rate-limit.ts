import { createHash } from 'node:crypto';
import { ErrorCodes } from '@openactes/domain';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ErrorBody } from './coded-error.filter';

const WINDOW_MS = 60_000;
/** Above this many tracked keys, expired windows are swept (at most once a second) before a new key is added. */
const SWEEP_ABOVE = 10_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window of this key starts afresh. */
  resetSeconds: number;
}

/**
 * Fixed one-minute windows per key, in the memory of one gateway instance:
 * with N replicas a client gets at most N times the limit, which is what the
 * limit is for (keeping one client from starving the others), not a quota.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private lastSweep = -Infinity;

  constructor(
    readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  consume(key: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      if (!window && this.windows.size >= SWEEP_ABOVE) this.sweep(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return this.decision(window, now);
  }

  /** The state of a key without counting a request. */
  peek(key: string): RateDecision {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) return { allowed: true, limit: this.limitPerMinute, remaining: this.limitPerMinute, resetSeconds: 60 };
    return this.decision({ ...window, count: window.count + 1 }, now);
  }

  get trackedKeys(): number {
    return this.windows.size;
  }

  private decision(window: { startedAt: number; count: number }, now: number): RateDecision {
    return {
      allowed: window.count <= this.limitPerMinute,
      limit: this.limitPerMinute,
      remaining: Math.max(0, this.limitPerMinute - window.count),
      resetSeconds: Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000)),
    };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}

/** Routes never limited: orchestrators probe them. */
const UNLIMITED = /^\/health(?:[/?]|$)/;

/**
 * Per token for requests with a bearer token, per client address otherwise.
 * The token is keyed by its SHA-256 (what the token store keeps, one-to-one
 * with its id), so a flood is refused before any database lookup; the lookup
 * itself stays in PlatformAuthGuard. Refused tokens (401) count against the
 * client address, so guessing tokens is limited like anonymous traffic.
 */
export function rateLimit(options: { perTokenPerMinute: number; anonymousPerMinute: number; now?: () => number }): RequestHandler {
  const tokens = options.perTokenPerMinute > 0 ? new FixedWindowLimiter(options.perTokenPerMinute, options.now) : null;
  const anonymous = options.anonymousPerMinute > 0 ? new FixedWindowLimiter(options.anonymousPerMinute, options.now) : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (UNLIMITED.test(req.url)) return next();
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return anonymous ? answer(anonymous.consume(`ip:${client}`), res, next) : next();

    if (anonymous) {
      const failures = anonymous.peek(`auth-failures:${client}`);
      if (!failures.allowed) return answer(failures, res, next);
      res.on('finish', () => {
        if (res.statusCode === 401) anonymous.consume(`auth-failures:${client}`);
      });
    }
    return tokens ? answer(tokens.consume(`token:${createHash('sha256').update(bearer).digest('hex')}`), res, next) : next();
  };
}

function answer(decision: RateDecision, res: Response, next: NextFunction): void {
  res.setHeader('RateLimit-Limit', String(decision.limit));
  res.setHeader('RateLimit-Remaining', String(decision.remaining));
  res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
  if (decision.allowed) return next();
  res.setHeader('Retry-After', String(decision.resetSeconds));
  const body: ErrorBody = {
    code: 'RATE_LIMITED',
    message: `Too many requests: at most ${decision.limit} a minute; retry in ${decision.resetSeconds} s`,
    details: { limitPerMinute: decision.limit, retryAfterSeconds: decision.resetSeconds },
  };
  res.status(ErrorCodes.RATE_LIMITED.http).json(body);
}
