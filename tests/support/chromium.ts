/**
 * Debian's Chromium, as every browser test here runs it (Playwright cannot download its own on
 * this machine): headless, no sandbox (root in CI), and nothing that reaches the network by itself.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Options for `chromium.launch` (playwright or playwright-core). */
export const chromiumLaunchOptions = () => ({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
