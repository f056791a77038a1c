import { readdirSync, readFileSync } from "node:fs";

/** Resident memory (VmRSS) of every process in process group `pgid`, in bytes (Linux /proc). */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5: process group
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(rss ?? 0) * 1024;
    } catch {
      // the process ended while being read
    }
  }
  return total;
}

/** Samples groupRss every 20 ms until `stop()`, which resolves with the highest value seen. */
export function samplePeakRss(pgid: number): { stop: () => Promise<number> } {
  let peak = groupRss(pgid);
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      peak = Math.max(peak, groupRss(pgid));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await loop;
      return Math.max(peak, groupRss(pgid));
    },
  };
}
