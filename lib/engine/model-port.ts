import type { Document } from "../documents/document";
import type { WorkerSpec, WorkerModelOutput } from "./catalogue";
import type { ModelWait } from "./events";
import type { Citation } from "./findings";
import type { Plan, PlanTask } from "./plan";
import type { StepDescription } from "./step-inputs";
import type { Usage } from "./usage";
import type { WorkerOutput } from "./worker-output";

/**
 * The narrow port between the engine and whatever thinks (Claude or the offline analyser).
 * Implementations throw `ForemanError` (with `retryable` set for transient faults) and must
 * honour `signal`. They never see each other's state: the engine passes everything in.
 */
export type ModelPort = {
  /** "claude" or "offline"; shown in the UI. */
  readonly backend: "claude" | "offline" | "scripted";
  readonly models: { orchestrator: string; worker: string; synthesis: string };
  /** Models the port has no price for: their cost is an estimate at the highest known rates. */
  readonly unpricedModels?: readonly string[];
  /**
   * True when parallel calls share a prompt cache that the first call writes (Claude): the engine
   * then starts the first worker alone and the others once its answer has begun (`onStarted`).
   */
  readonly promptCache?: boolean;
  plan(input: PlanInput): Promise<PlanResult>;
  work(input: WorkInput): Promise<WorkResult>;
  synthesize(input: SynthesisInput): Promise<SynthesisResult>;
  /**
   * Asked once after a task whose worker requested follow-up: may add tasks to the plan
   * (adaptive re-planning). Optional; without it follow-up requests are refused as unsupported.
   */
  extend?(input: ExtendInput): Promise<ExtendOutput>;
  /** The model, settings and rendered instructions (without the document) a work call would send; stored at task start. */
  describeWork?(input: Pick<WorkInput, "task" | "worker" | "request" | "dependencies">): StepDescription;
  /** The same for the synthesis call. */
  describeSynthesis?(input: Pick<SynthesisInput, "request" | "plan" | "tasks">): StepDescription;
  /** How much of the model's context the document takes, asked before any paid call (optional). */
  countInputTokens?(input: { document: Document; signal: AbortSignal }): Promise<InputSizeCheck>;
};

/** A port whose calls always finish (offline, scripted): no `CutShort` results. */
export type FinishingPort = Omit<ModelPort, "plan" | "work" | "synthesize"> & {
  plan(input: PlanInput): Promise<PlanOutput>;
  work(input: WorkInput): Promise<WorkOutput>;
  synthesize(input: SynthesisInput): Promise<SynthesisOutput>;
};

export type InputSizeCheck = { tokens: number; contextWindow: number };

/**
 * Told when a call starts waiting before it is sent (rate limit, overload, call cap, cache
 * warm-up) and with `null` when the wait is over. The engine shows it live and does not count
 * the wait against the task's timeout. Optional for a backend that never waits.
 */
export type OnModelWait = (wait: ModelWait | null) => void;

export type PlanInput = {
  document: Document;
  request: string;
  catalogue: readonly WorkerSpec[];
  maxTasks: number;
  /** Overrides the role's output ceiling (the engine doubles it after a `max_tokens` cut). */
  maxTokens?: number;
  /** Set on the single repair round: the rejected plan and why it was rejected. */
  repair?: { previous: unknown; errors: readonly string[] };
  /** Set when a person asked for a new plan: the plan they saw and their note on what to change. */
  revision?: { previous: Plan; note: string };
  signal: AbortSignal;
  /** Streamed analysis text as it arrives (optional for a backend). */
  onDelta: (text: string) => void;
  onWait?: OnModelWait;
};
/**
 * DESIGN §7: every port result says why the call ended; the engine decides what that means.
 * Absent (or "stop"): the model finished. The others come as `CutShort`, without an answer:
 * - `max_tokens`: the answer hit its output ceiling; a structured answer is retried once with
 *   twice the room (up to `modelMaxTokens`), then fails as `output_truncated`;
 * - `refusal`: the model declined (`model_refused`, never retried); `refusal` is the API's reason.
 */
export type FinishReason = "stop" | "max_tokens" | "refusal";

export type CutShort = {
  finishReason: "max_tokens" | "refusal";
  usage: Usage;
  /** The output ceiling this call had, and the most the model allows (tokens). */
  maxTokens: number;
  modelMaxTokens: number;
  /** The API's explanation of a refusal, when it gave one. */
  refusal?: string;
};

export function isCutShort<T extends { finishReason?: FinishReason }>(out: T | CutShort): out is CutShort {
  return out.finishReason === "max_tokens" || out.finishReason === "refusal";
}

/** `plan` is unvalidated: the engine parses and validates it. `reasoning`: the model's thinking summary, if returned. */
export type PlanOutput = { finishReason?: "stop"; plan: unknown; usage: Usage; reasoning?: string };
export type PlanResult = PlanOutput | CutShort;

/** What a task is told about one of its dependencies. */
export type DependencyResult =
  | { taskId: string; worker: string; description: string; status: "succeeded" | "partial"; output: WorkerOutput }
  | { taskId: string; worker: string; description: string; status: "failed" | "skipped"; reason: string };

export type WorkInput = {
  task: PlanTask;
  worker: WorkerSpec;
  document: Document;
  request: string;
  dependencies: readonly DependencyResult[];
  /** The whole plan, so a worker can tell what no task covers (and ask for follow-up). */
  plan?: readonly PlanTask[];
  attempt: number;
  /** Overrides the role's output ceiling (the engine doubles it after a `max_tokens` cut). */
  maxTokens?: number;
  /**
   * True when other calls of this run send the same document prefix, so caching it pays; false
   * for a call whose prefix nothing else will read (no cache write is bought for it).
   */
  sharedPrefix?: boolean;
  /** Called once the answer has begun streaming (the prompt cache entry is readable from then). */
  onStarted?: () => void;
  signal: AbortSignal;
  /** Streamed `result` text as it arrives. */
  onDelta: (text: string) => void;
  onWait?: OnModelWait;
};
export type WorkOutput = WorkerModelOutput & { finishReason?: "stop"; usage: Usage };
export type WorkResult = WorkOutput | CutShort;

export type ExtendInput = {
  document: Document;
  request: string;
  plan: Plan;
  catalogue: readonly WorkerSpec[];
  /** The task that asked, its result, and what it asked for. */
  followUp: { taskId: string; result: string; request: string };
  /** How many tasks may be added at most (task cap minus the plan's size). */
  maxNewTasks: number;
  signal: AbortSignal;
};
/** `decision` is unvalidated `{ reason, tasks }`: the engine parses and validates it (extension.ts). */
export type ExtendOutput = { decision: unknown; usage: Usage };

export type TaskSummary = {
  task: PlanTask;
  status: "succeeded" | "partial" | "failed" | "skipped";
  output?: WorkerOutput;
  /** Why a task failed or was skipped. */
  reason?: string;
};

export type SynthesisInput = {
  document: Document;
  request: string;
  plan: Plan;
  tasks: readonly TaskSummary[];
  signal: AbortSignal;
  onDelta: (text: string) => void;
  onWait?: OnModelWait;
};
/**
 * `text` is the report's narrative (Markdown). `citations` are document spans the narrative rests
 * on (Claude: native citations; offline: spans it computed). The engine re-verifies each one.
 */
export type SynthesisOutput = {
  /** `max_tokens`: the narrative was cut at the output ceiling; the report is marked incomplete. */
  finishReason?: "stop" | "max_tokens";
  text: string;
  citations: Citation[];
  usage: Usage;
};
export type SynthesisResult = SynthesisOutput | (CutShort & { finishReason: "refusal" });
