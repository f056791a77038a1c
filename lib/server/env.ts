import "server-only";
import { z } from "zod";
import { EFFORTS } from "../llm/claude/config";
import { loadPriceTable } from "../llm/claude/pricing";
import { databaseTarget, DATABASE_URL_HELP } from "./database-url";

/**
 * Every environment variable Foreman reads, parsed once with zod — the one place settings are
 * defined. README documents each. To add a setting: add one entry below (its schema says what
 * is valid; its messages say what to do), then read it through `env()`.
 *
 * Messages are written for the person starting the server: start-up prints the first problem as
 * one line, `Bad setting NAME="value": <message>`, and exits with code 1.
 */
const positiveInt = (what: string, fallback: number) =>
  z.coerce.number({ error: `expected ${what} (a whole number above 0)` }).int(`expected ${what} (a whole number above 0)`).positive(`expected ${what} (a whole number above 0)`).default(fallback);
const optionalPositiveInt = (what: string) =>
  z.coerce.number({ error: `expected ${what} (a whole number above 0), or leave it unset` }).int(`expected ${what} (a whole number above 0), or leave it unset`).positive(`expected ${what} (a whole number above 0), or leave it unset`).optional();
const nonNegativeInt = (what: string, fallback: number) =>
  z.coerce.number({ error: `expected ${what} (a whole number, 0 or more)` }).int(`expected ${what} (a whole number, 0 or more)`).nonnegative(`expected ${what} (a whole number, 0 or more)`).default(fallback);
const positiveNumber = (what: string) =>
  z.coerce.number({ error: `expected ${what} (a number above 0)` }).positive(`expected ${what} (a number above 0)`).refine(Number.isFinite, `expected ${what} (a number above 0)`);

/** A comma-separated list; unset or empty is an empty list. */
const commaList = () =>
  z
    .string()
    .optional()
    .transform((list) => (list ?? "").split(",").map((item) => item.trim()).filter((item) => item.length > 0));

const effort = () =>
  z.enum(EFFORTS, { error: `expected one of ${EFFORTS.join(", ")} (or leave it unset for the default)` }).optional();

/** Shortest FOREMAN_ACCESS_TOKEN accepted: 16 characters resist guessing at the sign-in rate limit for centuries. */
export const MIN_ACCESS_TOKEN_LENGTH = 16;

export const envShape = {
  DATABASE_URL: z
    .string()
    .default("file:./data/foreman.db")
    .refine((url) => databaseTarget(url) !== undefined, DATABASE_URL_HELP),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.url({ error: "expected an http(s) URL such as https://api.anthropic.com, or leave it unset" }).optional(),
  FOREMAN_BACKEND: z
    .enum(["auto", "claude", "offline", "scripted"], { error: "expected one of auto, claude, offline, scripted (or leave it unset for auto)" })
    .default("auto"),
  FOREMAN_ORCHESTRATOR_MODEL: z.string().min(1).optional(),
  FOREMAN_WORKER_MODEL: z.string().min(1).optional(),
  FOREMAN_SYNTHESIS_MODEL: z.string().min(1).optional(),
  /** Output ceilings (max_tokens, thinking included) and effort per role; unset = lib/llm/claude/config.ts defaults. */
  FOREMAN_ORCHESTRATOR_MAX_TOKENS: optionalPositiveInt("the orchestrator's max_tokens"),
  FOREMAN_WORKER_MAX_TOKENS: optionalPositiveInt("a worker's max_tokens"),
  FOREMAN_SYNTHESIS_MAX_TOKENS: optionalPositiveInt("the synthesis' max_tokens"),
  FOREMAN_ORCHESTRATOR_EFFORT: effort(),
  FOREMAN_WORKER_EFFORT: effort(),
  FOREMAN_SYNTHESIS_EFFORT: effort(),
  /** How long one model call keeps retrying 429/529 answers. */
  FOREMAN_MODEL_RETRY_SECONDS: positiveInt("seconds one model call keeps retrying rate limits and overloads", 120),
  /** Concurrent model calls in this process, across all runs. */
  FOREMAN_MAX_MODEL_CALLS: positiveInt("how many model calls this process makes at once, across all runs", 8),
  FOREMAN_PRICES_FILE: z
    .string()
    .min(1)
    .optional()
    .superRefine((path, ctx) => {
      if (path === undefined) return;
      try {
        loadPriceTable(path);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    }),
  FOREMAN_MAX_TASKS: positiveInt("the largest number of tasks in a plan", 8),
  FOREMAN_CONCURRENCY: positiveInt("the number of tasks run at once per run", 4),
  FOREMAN_TASK_TIMEOUT_MS: positiveInt("milliseconds per task attempt", 120_000),
  FOREMAN_MAX_ATTEMPTS: positiveInt("attempts per task", 3),
  /** How often workers' follow-up requests may extend a run's plan (adaptive re-planning; 0 = never). */
  FOREMAN_MAX_EXTENSIONS: nonNegativeInt("extension rounds per run", 2),
  /** Default budgets per run (a run may set its own); absent means no cap. */
  FOREMAN_MAX_TOKENS: optionalPositiveInt("a token budget per run"),
  FOREMAN_MAX_COST_USD: positiveNumber("a cost budget per run in US dollars").optional(),
  FOREMAN_MAX_WALL_SECONDS: optionalPositiveInt("a wall-time budget per run in seconds"),
  FOREMAN_MAX_UPLOAD_MB: positiveNumber("the largest upload in megabytes").refine((mb) => mb <= 512, "expected at most 512 (MB): larger uploads are held in memory while read").default(20),
  /** Per-task latency of the scripted backend (benchmarks and crash tests). */
  FOREMAN_SCRIPTED_LATENCY_MS: nonNegativeInt("milliseconds of latency per scripted task", 0),
  /**
   * Task ids (comma-separated) whose first attempt on the scripted backend never answers until
   * aborted: crash tests kill the server while these are surely in flight, whatever the load.
   */
  FOREMAN_SCRIPTED_STALL_TASKS: commaList(),
  /** Offline workers (catalogue names) whose first attempt never answers until aborted (end-to-end tests of Cancel). */
  FOREMAN_OFFLINE_STALL_WORKERS: commaList(),
  /** Largest plan of the scripted backend (up to 6: a diamond; more: layers), capped by maxTasks. */
  FOREMAN_SCRIPTED_TASKS: positiveInt("the largest scripted plan (1 to 20 tasks)", 6).refine((n) => n <= 20, "expected at most 20 tasks"),
  /** Streamed deltas per scripted task, and how many arrive in one burst. */
  FOREMAN_SCRIPTED_DELTAS: positiveInt("streamed deltas per scripted task", 1),
  FOREMAN_SCRIPTED_BURST: positiveInt("scripted deltas that arrive at once", 1),
  /** Artificial delay per streamed chunk of the offline engine, to watch runs live. */
  FOREMAN_OFFLINE_DELAY_MS: nonNegativeInt("milliseconds per streamed chunk", 150),
  FOREMAN_ACCESS_TOKEN: z
    .string()
    .optional()
    .transform((token) => (token && token.length > 0 ? token : undefined))
    .refine((token) => token === undefined || token.length >= MIN_ACCESS_TOKEN_LENGTH, {
      error: `too short: use at least ${MIN_ACCESS_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 16\`), or unset it to run without sign-in`,
    }),
  FOREMAN_SESSION_DAYS: positiveNumber("how many days a sign-in lasts").default(7),
  /** Extra `host[:port]` names (comma-separated) the server answers to, beyond where it listens and loopback. */
  FOREMAN_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((host) => host.trim().toLowerCase()).filter((host) => host.length > 0))
    .refine((hosts) => hosts.every((host) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)), {
      error: "expected host names separated by commas, each optionally with :port (e.g. foreman.example.com,10.0.0.5:3000)",
    }),
  FOREMAN_BODY_TIMEOUT_MS: positiveInt("milliseconds an upload may pause before it is refused", 30_000),
  /** How long a client may take to send a request's headers (slowloris); applied by scripts/http-timeouts.mjs, which `npm start` preloads. At most Node's requestTimeout (300 s). */
  FOREMAN_HEADER_TIMEOUT_MS: positiveInt("milliseconds a client may take to send a request's headers", 10_000).refine((ms) => ms <= 300_000, "expected at most 300000 (Node's request timeout)"),
  FOREMAN_MAX_ACTIVE_RUNS: positiveInt("how many runs execute at once in this server (the rest wait, queued)", 4),
  FOREMAN_MAX_PARSES: positiveInt("how many PDF/Word files are parsed at once", 2),
  FOREMAN_MAX_PARSE_QUEUE: nonNegativeInt("how many uploads may wait for a parser before new ones are told the server is busy", 8),
  FOREMAN_PARSE_MEMORY_MB: positiveInt("megabytes of memory one PDF/Word parser may use", 512),
  /** What a PDF's compressed streams may inflate to (each, and all together) before the file is refused unread. */
  FOREMAN_MAX_INFLATED_MB: positiveInt("megabytes a PDF's compressed streams may inflate to", 256),
  /** Scripted backend: long-tailed latency around FOREMAN_SCRIPTED_LATENCY_MS (benchmarks). */
  FOREMAN_SCRIPTED_LATENCY_TAIL: z.enum(["0", "1"], { error: "expected 1 (long-tailed latency) or 0" }).default("0").transform((v) => v === "1"),
  /** Scripted backend: append every model call as a JSON line to this file (system tests). */
  FOREMAN_SCRIPTED_CALL_LOG: z.string().min(1).optional(),
  /** What this process does: serve and enqueue (web), execute runs (worker), or both (all). */
  FOREMAN_ROLE: z.enum(["all", "web", "worker"], { error: "expected all (serve and execute runs), web (serve and enqueue) or worker (execute queued runs)" }).default("all"),
  /** With PostgreSQL, the run queue uses Redis (BullMQ's Redis backend) when this is set. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "expected a redis:// URL such as redis://localhost:6379, or leave it unset to queue in PostgreSQL" }).optional(),
  FOREMAN_WORKER_CONCURRENCY: positiveInt("how many runs one worker process executes at once (queue mode)", 4),
  FOREMAN_LEASE_MS: positiveInt("milliseconds a run's lease lasts without a heartbeat before another executor may take the run over", 15_000),
  FOREMAN_HEARTBEAT_MS: positiveInt("milliseconds between an executor's heartbeats (lease renewal, cancel requests)", 1_000),
  FOREMAN_MAX_MODEL_CALLS_SHARED: positiveInt("how many model calls all worker processes on one PostgreSQL database make at once", 16),
  FOREMAN_PG_POOL_SIZE: positiveInt("connections in each process's PostgreSQL pool", 10),
};

const envSchema = z.object(envShape);
export type Env = z.infer<typeof envSchema>;

/** A setting that cannot be used, as one line naming the variable and what to do. */
export class SettingsError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = "SettingsError";
  }
}

/** Parses a set of environment variables; throws SettingsError for the first bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`FOO=`) means "unset", as in most tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (parsed.success) {
    if (parsed.data.FOREMAN_ROLE !== "all" && databaseTarget(parsed.data.DATABASE_URL)?.kind !== "postgresql") {
      throw new SettingsError(
        "FOREMAN_ROLE",
        `Bad setting FOREMAN_ROLE="${parsed.data.FOREMAN_ROLE}": separate web and worker processes share a PostgreSQL database and its queue; set DATABASE_URL to a postgresql:// URL (README: Scaling out), or use all.`,
      );
    }
    if (parsed.data.FOREMAN_BACKEND === "claude" && !parsed.data.ANTHROPIC_API_KEY) {
      throw new SettingsError("FOREMAN_BACKEND", 'Bad setting FOREMAN_BACKEND="claude": the Claude backend needs ANTHROPIC_API_KEY; set it, or use auto or offline.');
    }
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const variable = String(issue?.path[0] ?? "environment");
  const value = present[variable];
  const shown = value === undefined ? "" : `=${JSON.stringify(variable.includes("KEY") || variable.includes("TOKEN") ? "…" : value.slice(0, 200))}`;
  throw new SettingsError(variable, `Bad setting ${variable}${shown}: ${issue?.message ?? "invalid"}.`);
}

let cached: Env | undefined;

/** The parsed settings of this process (cached). Throws SettingsError when one is invalid. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
