import { z } from "zod";

/** `[id]` of /api/runs/[id]/…: a run id is a UUID; anything else names no run (404). */
export const runIdParams = z.object({ id: z.uuid({ error: "a run id is a UUID" }) });
