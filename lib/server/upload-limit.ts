import "server-only";
import { env } from "./env";

const MB = 1024 * 1024;

/** Multipart envelope and other form fields allowed on top of the file (next.config.mjs leaves 2 MB). */
export const UPLOAD_FORM_OVERHEAD_BYTES = 64 * 1024;

/** The largest upload accepted, in bytes (FOREMAN_MAX_UPLOAD_MB). */
export function maxUploadBytes(): number {
  return Math.round(env().FOREMAN_MAX_UPLOAD_MB * MB);
}

/** The largest request body accepted anywhere: the upload plus its form. */
export function maxRequestBytes(): number {
  return maxUploadBytes() + UPLOAD_FORM_OVERHEAD_BYTES;
}

/** The user-facing refusal of an oversize upload (413). */
export function uploadTooLargeMessage(): string {
  return `The upload is larger than the limit of ${env().FOREMAN_MAX_UPLOAD_MB} MB. Choose a smaller file, or ask whoever runs this Foreman to raise FOREMAN_MAX_UPLOAD_MB.`;
}
