import { afterEach, describe, expect, it } from "vitest";
import { configureParseGate, parseGateStats, withParseSlot } from "@/lib/documents/parse-gate";

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
});
