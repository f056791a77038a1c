import type { JSONOutputFormat } from "@anthropic-ai/sdk/resources/messages";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import { z } from "zod";
import { workerModelOutputSchema } from "../../engine/catalogue";
import { rawFindingSchema } from "../../engine/findings";
import { planSchema } from "../../engine/plan";

/**
 * What the worker model is asked to produce: `workerModelOutputSchema` with quotes only. Spans are
 * left out on purpose: models count characters badly, and the engine locates every quote itself.
 * Its output is a valid `WorkerModelOutput` (the span fields are optional there).
 */
export const workerResponseSchema = workerModelOutputSchema.extend({
  findings: z.array(rawFindingSchema.extend({ quotes: z.array(z.object({ quote: z.string().min(1) })) })),
});

/**
 * The SDK's `zodOutputFormat` turns a zod schema into the strict JSON schema the API accepts
 * (additionalProperties: false, unsupported keywords moved into descriptions). We send only the
 * JSON part: with the `parse` hook attached, the SDK would parse inside the stream and throw a
 * generic error on a bad reply, whereas we must return an unparsed plan to the engine (it runs
 * the repair round) and map a bad worker reply to `model_output_invalid` ourselves.
 */
function jsonFormat(schema: z.ZodType): JSONOutputFormat {
  const { type, schema: jsonSchema } = zodOutputFormat(schema);
  return { type, schema: jsonSchema };
}

export const PLAN_FORMAT: JSONOutputFormat = jsonFormat(planSchema);

/**
 * The plan's output format with `tasks[].worker` as an enum of the catalogue's names (the custom
 * worker included): the API's constrained decoding then cannot produce a worker that does not
 * exist (https://platform.claude.com/docs/en/build-with-claude/structured-outputs). The engine's
 * validation stays as the second line. Same names → same schema, so the prompt cache still hits.
 */
export function planFormat(workerNames: readonly string[]): JSONOutputFormat {
  const names = [...new Set(workerNames)];
  const schema = structuredClone(PLAN_FORMAT.schema) as { properties: { tasks: { items: { properties: Record<string, unknown> } } } };
  schema.properties.tasks.items.properties.worker = { type: "string", enum: names };
  return { type: "json_schema", schema: schema as unknown as JSONOutputFormat["schema"] };
}
// The model is asked for followUp always (empty = none); replies are parsed with it optional.
export const WORKER_FORMAT: JSONOutputFormat = jsonFormat(workerResponseSchema.extend({ followUp: z.string() }));
