// Preloaded into `next start` (NODE_OPTIONS=--import, see scripts/start.sh): gives the HTTP
// server Next creates a header timeout. `next start` builds its server with
// http.createServer(listener) and exposes no option for it, and Node enforces headersTimeout only
// on a timer whose period (connectionsCheckingInterval, default 30 s) can be set only when the
// server is created — so the options have to be there at creation. Node's documentation:
// https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener (headersTimeout: "the
// timeout value in milliseconds for receiving the complete HTTP headers from the client";
// past it the server answers 408 and closes the connection).
// Plain JavaScript: it runs before any bundler or TypeScript loader. FOREMAN_HEADER_TIMEOUT_MS is
// validated with the other settings at start-up (lib/server/env.ts); an invalid value stops the
// server there, so here it only falls back to the default.
import http from "node:http";

const DEFAULT_HEADER_TIMEOUT_MS = 10_000;
const parsed = Number(process.env.FOREMAN_HEADER_TIMEOUT_MS);
const headersTimeout = Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_HEADER_TIMEOUT_MS;
// Checked four times per timeout (at most once a second): a slow client is dropped within 1.25×.
const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4)));

const createServer = http.createServer;
http.createServer = function createServerWithTimeouts(options, listener) {
  if (typeof options === "function" || options === undefined) return createServer.call(this, { headersTimeout, connectionsCheckingInterval }, options);
  return createServer.call(this, { headersTimeout, connectionsCheckingInterval, ...options }, listener);
};
globalThis[Symbol.for("foreman.http-timeouts")] = { headersTimeout, connectionsCheckingInterval };
