import type { Config } from "tailwindcss";

/**
 * Loaded from app/globals.css with `@config`. Status and severity colours live here so the
 * graph, badges and report share one palette; each has a `dark` shade readable on dark grounds.
 */
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        status: {
          pending: { DEFAULT: "#64748b", dark: "#94a3b8" },
          running: { DEFAULT: "#2563eb", dark: "#60a5fa" },
          retrying: { DEFAULT: "#7c3aed", dark: "#a78bfa" },
          succeeded: { DEFAULT: "#15803d", dark: "#4ade80" },
          partial: { DEFAULT: "#b45309", dark: "#fbbf24" },
          failed: { DEFAULT: "#dc2626", dark: "#f87171" },
          skipped: { DEFAULT: "#6b7280", dark: "#9ca3af" },
          canceled: { DEFAULT: "#6b7280", dark: "#9ca3af" },
        },
        severity: {
          critical: { DEFAULT: "#b91c1c", dark: "#fca5a5" },
          warning: { DEFAULT: "#b45309", dark: "#fcd34d" },
          info: { DEFAULT: "#1d4ed8", dark: "#93c5fd" },
        },
        brand: { DEFAULT: "#4f46e5", dark: "#818cf8" },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Liberation Mono", "monospace"],
      },
    },
  },
};

export default config;
