import "server-only";
import { z } from "zod";

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every environment variable Foreman reads, parsed once. README documents each. */
const envSchema = z.object({
  DATABASE_URL: z.string().default("file:./data/foreman.db"),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  FOREMAN_BACKEND: z.enum(["auto", "claude", "offline", "scripted"]).default("auto"),
  FOREMAN_ORCHESTRATOR_MODEL: z.string().optional(),
  FOREMAN_WORKER_MODEL: z.string().optional(),
  FOREMAN_SYNTHESIS_MODEL: z.string().optional(),
  FOREMAN_MAX_TASKS: int(8),
  FOREMAN_CONCURRENCY: int(4),
  FOREMAN_TASK_TIMEOUT_MS: int(120_000),
  FOREMAN_MAX_ATTEMPTS: int(3),
  /** Default budgets per run (a run may set its own); absent means no cap. */
  FOREMAN_MAX_TOKENS: z.coerce.number().int().positive().optional(),
  FOREMAN_MAX_COST_USD: z.coerce.number().positive().optional(),
  FOREMAN_MAX_WALL_SECONDS: z.coerce.number().int().positive().optional(),
  FOREMAN_MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  /** Per-task latency of the scripted backend (benchmarks and crash tests). */
  FOREMAN_SCRIPTED_LATENCY_MS: z.coerce.number().int().nonnegative().default(0),
  /** Artificial delay per streamed chunk of the offline engine, to watch runs live. */
  FOREMAN_OFFLINE_DELAY_MS: z.coerce.number().int().nonnegative().default(150),
});
export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
