import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/server/rate-limit";

describe("createRateLimiter", () => {
  it("refuses a key past its limit until its oldest hit leaves the window, others unaffected", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 1000 });
    limiter.hit("a", 0);
    limiter.hit("a", 100);
    expect(limiter.retryAfter("a", 100)).toBe(0);
    limiter.hit("a", 200);
    expect(limiter.retryAfter("a", 200)).toBe(800);
    expect(limiter.retryAfter("b", 200)).toBe(0);
    expect(limiter.retryAfter("a", 999)).toBe(1);
    expect(limiter.retryAfter("a", 1000)).toBe(0);
  });

  it("keeps memory bounded under a flood of distinct keys", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.hit(`k${i}`, 0);
    expect(limiter.retryAfter("k999", 1)).toBe(999);
    expect(limiter.retryAfter("k0", 1)).toBe(0); // evicted
  });
});
