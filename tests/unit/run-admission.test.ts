import { describe, expect, it } from "vitest";
import { createAdmission } from "@/lib/server/run-admission";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("run admission", () => {
  it("runs at most `limit` tasks at once and starts the queued ones in order as slots free", async () => {
    const admission = createAdmission(2);
    const started: string[] = [];
    const gates = { a: deferred(), b: deferred(), c: deferred(), d: deferred() };
    const signal = new AbortController().signal;
    const runs = (Object.keys(gates) as (keyof typeof gates)[]).map((name) =>
      admission.admit(signal, async () => {
        started.push(name);
        await gates[name].promise;
        return name;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual(["a", "b"]);
    expect(admission.stats()).toEqual({ active: 2, queued: 2, limit: 2 });
    gates.b.resolve();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(["a", "b", "c"]);
    gates.a.resolve();
    gates.c.resolve();
    gates.d.resolve();
    expect(await Promise.all(runs)).toEqual(["a", "b", "c", "d"]);
    expect(admission.stats()).toEqual({ active: 0, queued: 0, limit: 2 });
  });

  it("tells a task that has to wait, and only that one, that it is queued", async () => {
    const admission = createAdmission(1);
    const hold = deferred();
    const queuedCalls: string[] = [];
    const signal = new AbortController().signal;
    const first = admission.admit(signal, () => hold.promise, () => queuedCalls.push("first"));
    const second = admission.admit(signal, async () => "second ran", () => queuedCalls.push("second"));
    expect(queuedCalls).toEqual(["second"]);
    hold.resolve();
    await first;
    expect(await second).toBe("second ran");
  });

  it("lets a canceled run leave the queue at once", async () => {
    const admission = createAdmission(1);
    const hold = deferred();
    const first = admission.admit(new AbortController().signal, () => hold.promise);
    const cancel = new AbortController();
    let ran = false;
    const queued = admission.admit(cancel.signal, async () => {
      ran = true;
    });
    await Promise.resolve();
    expect(ran).toBe(false);
    cancel.abort();
    await queued;
    expect(ran).toBe(true);
    hold.resolve();
    await first;
    expect(admission.stats()).toEqual({ active: 0, queued: 0, limit: 1 });
  });

  it("hands a freed slot to the queued run: a run asking meanwhile waits its turn", async () => {
    // The gap between a release and the woken run taking its slot is a few microtasks wide;
    // a new run asks after 0…10 microtask turns, so one of them lands in it.
    for (let turns = 0; turns <= 10; turns++) {
      const admission = createAdmission(1);
      const signal = new AbortController().signal;
      const first = deferred();
      let running = 0;
      let most = 0;
      const track = async (gate: Promise<void>) => {
        most = Math.max(most, ++running);
        await gate;
        await Promise.resolve();
        running--;
      };
      const a = admission.admit(signal, () => track(first.promise));
      const b = admission.admit(signal, () => track(Promise.resolve()));
      first.resolve();
      for (let t = 0; t < turns; t++) await Promise.resolve();
      const c = admission.admit(signal, () => track(Promise.resolve()));
      await Promise.all([a, b, c]);
      expect(most, `new run after ${turns} microtask turns`).toBe(1);
      expect(admission.stats()).toEqual({ active: 0, queued: 0, limit: 1 });
    }
  });
});
