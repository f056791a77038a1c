import { afterEach, describe, expect, it } from "vitest";
import { configureParseGate, parseGateStats, tryParseSlot, withParseSlot } from "@/lib/documents/parse-gate";

afterEach(() => configureParseGate({ maxConcurrent: 2, maxQueued: 8 }));

describe("parse gate", () => {
  it("runs at most N parses at once, queues the next, and answers busy past the queue", async () => {
    configureParseGate({ maxConcurrent: 1, maxQueued: 1 });
    let release!: () => void;
    const running = withParseSlot("a.pdf", () => new Promise<string>((resolve) => (release = () => resolve("a"))));
    let secondStarted = false;
    const queued = withParseSlot("b.pdf", async () => {
      secondStarted = true;
      return "b";
    });
    await Promise.resolve();
    expect(parseGateStats()).toEqual({ active: 1, queued: 1 });
    await expect(withParseSlot("c.pdf", async () => "c")).rejects.toMatchObject({ code: "server_busy", message: expect.stringContaining('"c.pdf" was not accepted') });
    expect(secondStarted).toBe(false);
    release();
    expect(await Promise.all([running, queued])).toEqual(["a", "b"]);
    expect(parseGateStats()).toEqual({ active: 0, queued: 0 });
  });

  it("frees the slot when a parse fails", async () => {
    configureParseGate({ maxConcurrent: 1, maxQueued: 0 });
    await expect(withParseSlot("bad.pdf", async () => Promise.reject(new Error("corrupt")))).rejects.toThrow("corrupt");
    expect(await withParseSlot("good.pdf", async () => "ok")).toBe("ok");
  });

  it("tryParseSlot takes a slot only when one is free, and a freed slot goes to the waiting parse first", async () => {
    configureParseGate({ maxConcurrent: 2, maxQueued: 1 });
    const first = tryParseSlot();
    const second = tryParseSlot();
    expect(first).toBeTypeOf("function");
    expect(second).toBeTypeOf("function");
    expect(tryParseSlot()).toBeUndefined();
    let waiterRan = false;
    const waiting = withParseSlot("w.pdf", async () => {
      waiterRan = true;
      return "w";
    });
    await Promise.resolve();
    expect(parseGateStats()).toEqual({ active: 2, queued: 1 });
    first?.();
    first?.(); // a second call frees nothing more
    // Handed over to the waiting parse: no opportunistic taker can slip in before it runs.
    expect(tryParseSlot()).toBeUndefined();
    expect(await waiting).toBe("w");
    expect(waiterRan).toBe(true);
    expect(parseGateStats()).toEqual({ active: 1, queued: 0 });
    second?.();
    expect(parseGateStats()).toEqual({ active: 0, queued: 0 });
  });
});
