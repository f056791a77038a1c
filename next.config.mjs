// The upload limit must hold end to end: Next's own body limits sit just above it, so an oversize
// upload reaches Foreman's check (413 with a clear message) instead of being cut short by Next.
// A bad value falls back to the default here; start-up then stops on it with a clear line (env.ts).
const configuredMb = Number(process.env.FOREMAN_MAX_UPLOAD_MB || 20);
const maxUploadMb = Number.isFinite(configuredMb) && configuredMb > 0 && configuredMb <= 512 ? configuredMb : 20;
/** Room for the multipart envelope and the other form fields (must exceed FORM_OVERHEAD_BYTES in lib/server/upload-limit.ts). */
const bodyLimitMb = Math.ceil(maxUploadMb) + 2;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parsers and the database driver run only on the server; bundling them breaks their workers/native bits.
  // piscina starts its own worker file by path; esbuild (the offline worker bundle) ships a native binary;
  // word-list locates its words.txt from its own module URL.
  serverExternalPackages: ["pdfjs-dist", "mammoth", "@libsql/client", "@prisma/adapter-libsql", "piscina", "esbuild", "@prisma/adapter-pg", "pg", "bullmq", "ioredis", "word-list"],
  poweredByHeader: false,
  // A separate build folder lets a second build (e.g. a benchmark) run beside a served one.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  experimental: {
    // Server actions refuse larger bodies outright; the proxy hands route handlers only this much
    // of a body (default 10 MB, silently truncated) — https://nextjs.org/docs/app/api-reference/config/next-config-js/proxyClientMaxBodySize
    serverActions: { bodySizeLimit: `${bodyLimitMb}mb` },
    proxyClientMaxBodySize: `${bodyLimitMb}mb`,
  },
};
export default nextConfig;
