import "server-only";
import { ForemanError } from "../engine/errors";

/**
 * Reads a request body but stops — and cancels the upload — as soon as it passes `maxBytes`,
 * so an oversize upload is refused without being buffered. A declared Content-Length above the
 * limit is refused before reading anything. A body that stops arriving for `idleTimeoutMs` (a
 * client that declared more than it sends) is refused too, so it cannot hold the request open.
 *
 * @param options.maxBytes largest body accepted, in bytes
 * @param options.limitLabel the user-facing limit in the 413 message (e.g. "20 MB")
 * @param options.idleTimeoutMs longest wait for the next chunk, in ms
 * @throws ForemanError `document_too_large` (413) or `invalid_input` (400, stalled body)
 */
export async function readLimitedBody(request: Request, options: { maxBytes: number; limitLabel: string; idleTimeoutMs: number }): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new ForemanError("document_too_large", `The upload is larger than the limit of ${options.limitLabel}.`);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<"stalled">((resolve) => (timer = setTimeout(() => resolve("stalled"), options.idleTimeoutMs)));
    const next = await Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
    if (next === "stalled") {
      await reader.cancel().catch(() => undefined);
      throw new ForemanError("invalid_input", `The upload stopped arriving (nothing for ${Math.round(options.idleTimeoutMs / 1000)} s after ${total} bytes); send it again.`);
    }
    const { value, done } = next;
    if (done) break;
    total += value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
