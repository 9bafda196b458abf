import { FixedWindowLimiter } from './rate-limit';

describe('FixedWindowLimiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows the limit in a minute, refuses the next with the time left, and starts afresh after the window', () => {
    const limiter = new FixedWindowLimiter(3, clock);
    expect([1, 2, 3].map(() => limiter.consume('a').remaining)).toEqual([2, 1, 0]);
    now += 20_000;
    const refused = limiter.consume('a');
    expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 40 });
    now += 39_500;
    expect(limiter.consume('a')).toMatchObject({ allowed: false, resetSeconds: 1 });
    now += 500;
    expect(limiter.consume('a')).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
  });

  it('keeps keys apart', () => {
    const limiter = new FixedWindowLimiter(1, clock);
    expect(limiter.consume('a').allowed).toBe(true);
    expect(limiter.consume('a').allowed).toBe(false);
    expect(limiter.consume('b').allowed).toBe(true);
  });

  it('peeks without counting', () => {
    const limiter = new FixedWindowLimiter(2, clock);
    expect(limiter.peek('a')).toMatchObject({ allowed: true, remaining: 2 });
    limiter.consume('a');
    limiter.consume('a');
    expect(limiter.peek('a')).toMatchObject({ allowed: false, remaining: 0 });
    expect(limiter.peek('b').allowed).toBe(true);
    expect(limiter.trackedKeys).toBe(1);
  });

  it('forgets expired windows instead of growing without bound', () => {
    const limiter = new FixedWindowLimiter(5, clock);
    for (let i = 0; i < 10_000; i++) limiter.consume(`old-${i}`);
    now += 61_000;
    limiter.consume('new');
    expect(limiter.trackedKeys).toBe(1);
  });
});
