import { ingestDocument } from "./lib/documents/ingest";
const enc = new TextEncoder();
const cases: [string, string][] = [
  ["big.html", "<!doctype html><body>" + "<div><p class='a'>Hello &amp; world <b>bold</b></p><script>x<y</script></div>\n".repeat(200_000)],
  ["lines.txt", "word ".repeat(3_000_000)],
];
for (const [name, text] of cases) {
  const t0 = performance.now();
  try { const d = await ingestDocument({ bytes: enc.encode(text), fileName: name }); console.log(name, d.format, d.text.length, JSON.stringify(d.title.slice(0, 40)), (performance.now() - t0).toFixed(0) + "ms"); }
  catch (e: any) { console.log(name, e.code, e.message, (performance.now() - t0).toFixed(0) + "ms"); }
}
