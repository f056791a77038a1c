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
});
