const maxUploadMb = Number(process.env.FOREMAN_MAX_UPLOAD_MB ?? 20);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parsers and the database driver run only on the server; bundling them breaks their workers/native bits.
  serverExternalPackages: ["pdfjs-dist", "mammoth", "@libsql/client", "@prisma/adapter-libsql"],
  poweredByHeader: false,
  // A separate build folder lets a second build (e.g. a benchmark) run beside a served one.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  experimental: {
    // Above the upload limit, so an oversize file gets Foreman's own clear message, not a generic 413.
    serverActions: { bodySizeLimit: `${Math.ceil(maxUploadMb) + 2}mb` },
  },
};
export default nextConfig;
