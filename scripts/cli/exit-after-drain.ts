type Output = Pick<NodeJS.WritableStream, "write">;

/**
 * Resolves once everything written to `stream` so far has been handed to the OS. Writes are
 * processed in order, so the callback of an empty write runs after every earlier write's.
 */
export function drained(stream: Output): Promise<void> {
  return new Promise((resolve) => {
    stream.write("", () => resolve());
  });
}

/**
 * Ends the process with `code` only after stdout and stderr have drained: `process.exit` drops
 * whatever a pipe has not yet taken (`analyze --json | jq` lost the end of the run).
 */
export async function exitAfterDrain(code: number, streams: { stdout: Output; stderr: Output; exit: (code: number) => void } = { stdout: process.stdout, stderr: process.stderr, exit: (c) => process.exit(c) }): Promise<void> {
  await Promise.all([drained(streams.stdout), drained(streams.stderr)]);
  streams.exit(code);
}
