import { ForemanError } from "../engine/errors";

/**
 * Races `work` against a deadline. The signal lets cooperative parsers stop early and free
 * what they hold (pdf.js destroys its document); work that cannot be interrupted (mammoth)
 * is abandoned, its result ignored.
 */
export async function withTimeout<T>(input: {
  ms: number;
  fileName: string;
  work: (signal: AbortSignal) => Promise<T>;
}): Promise<T> {
  const controller = new AbortController();
  const timeout = new ForemanError(
    "document_parse_timeout",
    `"${input.fileName}" took longer than ${input.ms >= 1000 ? `${input.ms / 1000} s` : `${input.ms} ms`} to read and was abandoned. Try a smaller or simpler file.`,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeout);
      reject(timeout);
    }, input.ms);
  });
  const work = input.work(controller.signal);
  // The losing promise must not surface later as an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
