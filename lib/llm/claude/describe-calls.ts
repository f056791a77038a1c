import type { StepDescription } from "../../engine/step-inputs";
import type { SynthesisInput, WorkInput } from "../../engine/model-port";
import type { ClaudeConfig, ClaudeRole } from "./config";
import { SYSTEM_PROMPT } from "./prompt-shared";
import { synthesisInstructions } from "./prompt-synthesis";
import { workInstructions } from "./prompt-work";
import { outputCeiling, thinkingParams } from "./request-params";

/** The parameters call-work.ts / call-synthesize.ts send besides the messages (same helpers). */
function settingsFor(config: ClaudeConfig, role: ClaudeRole, model: string): StepDescription["settings"] {
  const { thinking, effort } = thinkingParams(config, role, model);
  return { max_tokens: outputCeiling(config, role, model), ...(thinking ? { thinking: thinking.type } : {}), ...(effort ? { effort } : {}) };
}

const DOCUMENT_LEFT_OUT = "[The document follows here as a document content block; it is stored once with the run and left out of this copy.]";

/** The prompt as call-work.ts sends it: system prompt, then the document block, then the instructions. */
export function describeWork(config: ClaudeConfig, input: Pick<WorkInput, "task" | "worker" | "request" | "dependencies">): StepDescription {
  return {
    model: config.models.worker,
    settings: { ...settingsFor(config, "worker", config.models.worker), output: "structured (worker JSON schema)", citations: false },
    prompt: `# System\n\n${SYSTEM_PROMPT}\n\n# User\n\n${DOCUMENT_LEFT_OUT}\n\n${workInstructions(input)}`,
  };
}

/** The prompt as call-synthesize.ts sends it (native citations on, no structured output). */
export function describeSynthesis(config: ClaudeConfig, input: Pick<SynthesisInput, "request" | "plan" | "tasks">): StepDescription {
  return {
    model: config.models.synthesis,
    settings: { ...settingsFor(config, "synthesis", config.models.synthesis), output: "Markdown", citations: true },
    prompt: `# System\n\n${SYSTEM_PROMPT}\n\n# User\n\n${DOCUMENT_LEFT_OUT}\n\n${synthesisInstructions(input)}`,
  };
}
