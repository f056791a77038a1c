export type CliArgs = { file: string; request: string; json: boolean; text: boolean; review: boolean; concurrency?: number; maxTasks?: number };

export const USAGE = `Usage: npm run analyze -- <file> [--request "..."] [--json | --text] [--review] [--concurrency N] [--max-tasks N]

  <file>            a document: .txt .md .html .pdf .docx or a source file
  --request, -r     what to analyse (default: a general analysis)
  --json            print every run event as NDJSON instead of the report
  --text            print the text exactly as Foreman stores it (what the models read),
                    then one line: format, pages, encoding, hidden passages; runs nothing
  --review          show the plan before it runs: approve it, edit it as JSON in $EDITOR,
                    re-plan with a note, or abort (prompts on stderr, answers on stdin)
  --concurrency N   tasks run at once (default 4)
  --max-tasks N     largest plan allowed (default 8)

Uses Claude when ANTHROPIC_API_KEY is set, the offline engine otherwise.`;

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CliArgs {
  let file: string | undefined;
  let request = "";
  let json = false;
  let text = false;
  let review = false;
  let concurrency: number | undefined;
  let maxTasks: number | undefined;
  const positiveInt = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive whole number, got "${value ?? ""}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--json") json = true;
    else if (arg === "--text") text = true;
    else if (arg === "--review") review = true;
    else if (arg === "--request" || arg === "-r") request = argv[++i] ?? "";
    else if (arg === "--concurrency") concurrency = positiveInt(arg, argv[++i]);
    else if (arg === "--max-tasks") maxTasks = positiveInt(arg, argv[++i]);
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (file) throw new UsageError(`only one file can be analysed at a time (got "${file}" and "${arg}")`);
    else file = arg;
  }
  if (!file) throw new UsageError("no file given");
  if (json && text) throw new UsageError("--json and --text cannot be combined");
  return { file, request, json, text, review, ...(concurrency ? { concurrency } : {}), ...(maxTasks ? { maxTasks } : {}) };
}
