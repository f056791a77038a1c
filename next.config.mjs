/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parsers and the database driver run only on the server; bundling them breaks their workers/native bits.
  serverExternalPackages: ["pdfjs-dist", "mammoth", "@libsql/client", "@prisma/adapter-libsql"],
  poweredByHeader: false,
};
export default nextConfig;
