/** `npm run analyze -- <file> …`: analyse a document in this process (nothing is stored). */
export type AnalyzeArgs = { command: "analyze"; file: string; request: string; json: boolean; text: boolean; review: boolean; save: boolean; concurrency?: number; maxTasks?: number };
/** `npm run analyze -- compare A B`: two runs stored by the server, side by side. */
export type CompareArgs = { command: "compare"; a: string; b: string; json: boolean };
/** `npm run analyze -- runs`: the most recent stored runs, to find their ids. */
export type RunsArgs = { command: "runs"; limit: number; json: boolean };
export type CliArgs = AnalyzeArgs | CompareArgs | RunsArgs;

export const USAGE = `Usage: npm run analyze -- <file> [--request "..."] [--json | --text] [--review] [--save] [--concurrency N] [--max-tasks N]
       npm run analyze -- runs [--limit N] [--json]
       npm run analyze -- compare <run id A> <run id B> [--json]

  <file>            a document: .txt .md .html .pdf .docx or a source file
                    (a file named "runs" or "compare": write ./runs, ./compare)
  --request, -r     what to analyse (default: a general analysis)
  --json            print every run event as NDJSON instead of the report
  --text            print the text exactly as Foreman stores it (what the models read),
                    then one line: format, pages, encoding, hidden passages; runs nothing
  --review          show the plan before it runs: approve it, edit it as JSON in $EDITOR,
                    re-plan with a note, or abort (prompts on stderr, answers on stdin)
  --save            store the ended run where the server stores runs (DATABASE_URL): it then
                    shows in the history and \`runs\`, and can be compared; its id is printed
  --concurrency N   tasks run at once (default 4)
  --max-tasks N     largest plan allowed (default 8)

  runs              the newest runs the server stored (DATABASE_URL): id, time, status,
                    document and request; --limit N (default 20), --json for the rows
  compare A B       two stored runs side by side: plans, findings added / removed / changed
                    severity, time, tokens, cost, and the changed passages of two versions of a
                    document; --json prints exactly what GET /api/compare?a=A&b=B returns

An analysis uses Claude when ANTHROPIC_API_KEY is set, the offline engine otherwise; it runs in
this process and is stored only with --save.`;

export class UsageError extends Error {}

const positiveInt = (flag: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive whole number, got "${value ?? ""}"`);
  return n;
};

export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv[0] === "compare") return parseCompare(argv.slice(1));
  if (argv[0] === "runs") return parseRuns(argv.slice(1));
  let file: string | undefined;
  let request = "";
  let json = false;
  let text = false;
  let review = false;
  let save = false;
  let concurrency: number | undefined;
  let maxTasks: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--json") json = true;
    else if (arg === "--text") text = true;
    else if (arg === "--review") review = true;
    else if (arg === "--save") save = true;
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
  if (save && text) throw new UsageError("--text runs nothing, so there is nothing to --save");
  return { command: "analyze", file, request, json, text, review, save, ...(concurrency ? { concurrency } : {}), ...(maxTasks ? { maxTasks } : {}) };
}

function parseCompare(argv: readonly string[]): CompareArgs {
  const ids: string[] = [];
  let json = false;
  for (const arg of argv) {
    if (arg === "--json") json = true;
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg} for compare`);
    else ids.push(arg);
  }
  const [a, b] = ids;
  if (ids.length !== 2 || !a || !b) throw new UsageError(`compare needs two run ids (got ${ids.length}); \`npm run analyze -- runs\` lists them`);
  return { command: "compare", a, b, json };
}

function parseRuns(argv: readonly string[]): RunsArgs {
  let json = false;
  let limit = 20;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--json") json = true;
    else if (arg === "--limit") limit = positiveInt(arg, argv[++i]);
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument ${arg} for runs`);
  }
  return { command: "runs", limit, json };
}
