import { readFileSync, readdirSync } from "node:fs";
import { createDeflate } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "@/scripts/server-process";

/**
 * A flate bomb: a small PDF whose page content inflates to 1.5 GB. The parser's memory cap must
 * hold for the server's resident memory (ArrayBuffers are outside the JS heap), not only its heap.
 */
const MB = 1024 * 1024;
const CAP_MB = 256;

async function flateBombPdf(inflatedMb: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (d: Buffer) => parts.push(d));
  const done = new Promise<void>((resolve) => deflate.on("end", () => resolve()));
  const chunk = Buffer.alloc(MB, " ");
  for (let i = 0; i < inflatedMb; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
  deflate.end();
  await done;
  const stream = Buffer.concat(parts);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  const size = () => chunks.reduce((n, c) => n + c.length, 0);
  objects.forEach((body, i) => {
    offsets.push(size());
    chunks.push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(size());
  chunks.push(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from("\nendstream\nendobj\n"));
  const xref = size();
  chunks.push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

/** Resident memory of every process in the server's group, in bytes (Linux /proc). */
function serverRss(pgid: number): number {
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

let server: ServerProcess;
let bomb: Buffer;

beforeAll(async () => {
  bomb = await flateBombPdf(1536);
  server = await startServer({ env: { FOREMAN_BACKEND: "scripted", FOREMAN_PARSE_MEMORY_MB: String(CAP_MB) } });
});
afterAll(() => server?.kill());

describe("parser memory", () => {
  it("stops a flate bomb at the memory cap, measured by the server's resident memory", async () => {
    expect(bomb.length).toBeLessThan(5 * MB);
    const pgid = server.child.pid as number;
    const before = serverRss(pgid);
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, serverRss(pgid));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(bomb)], { type: "application/pdf" }), "bomb.pdf");
    const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } });
    sampling = false;
    await sampler;
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status, JSON.stringify(body)).toBe(413);
    expect(body.error.message).toContain(`needed more than ${CAP_MB} MB of memory`);
    const grewMb = (peak - before) / MB;
    console.log(`[parse-memory] server RSS before ${(before / MB).toFixed(0)} MB, peak +${grewMb.toFixed(0)} MB (cap ${CAP_MB} MB, bomb inflates to 1536 MB)`);
    // The cap plus the worker's own start-up (pdf.js loaded) and the upload's copies.
    expect(grewMb).toBeLessThan(CAP_MB + 250);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
