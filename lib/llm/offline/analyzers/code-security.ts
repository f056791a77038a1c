import type { RawFinding, Severity } from "../../../engine/findings";
import { isComment } from "../code";
import { count, finding, renderResult } from "../output";
import type { Line } from "../text";
import type { Analyzer } from "./types";

type Rule = {
  title: string;
  severity: Severity;
  test: (line: string) => boolean;
  detail: string;
  recommendation: string;
  /** Secrets leak from comments too; executable patterns only count in code. */
  inComments?: boolean;
};

const SQL = /\b(?:SELECT\s[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i;
const STRING_BUILT = [/\bf["']/, /["']\s*\+\s*[\w(]/, /[\w)]\s*\+\s*["']/, /["']\s*%\s*[\w(]/, /\.format\s*\(/, /`[^`]*\$\{/, /\$"/];

const RULES: readonly Rule[] = [
  {
    title: "SQL built from strings",
    severity: "critical",
    test: (l) => SQL.test(l) && STRING_BUILT.some((re) => re.test(l)),
    detail: "The query text is assembled from values (f-string, concatenation, % or format), which allows SQL injection.",
    recommendation: "Use parameterised queries (placeholders and a parameter tuple/array); never format values into SQL.",
  },
  {
    title: "Dynamic code execution",
    severity: "critical",
    test: (l) => /(?<![.\w])(?:eval|exec)\s*\(|\bnew\s+Function\s*\(/.test(l),
    detail: "eval/exec runs arbitrary code; with any external input this is remote code execution.",
    recommendation: "Remove eval/exec; parse the input (e.g. ast.literal_eval, JSON.parse) or dispatch through a lookup table.",
  },
  {
    title: "Hard-coded secret",
    severity: "critical",
    inComments: true,
    test: (l) =>
      /\b[\w-]*(?:api[_-]?key|apikey|secret|passw(?:or)?d|pwd|token|access[_-]?key|private[_-]?key|client[_-]?secret)[\w-]*["']?\s*[:=]\s*["'][^"'\s]{4,}["']/i.test(l) ||
      /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----|\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bsk-[A-Za-z0-9_-]{20,}\b/.test(l),
    detail: "A credential is written in the source; anyone with the code (or its history) has it.",
    recommendation: "Load secrets from the environment or a secret manager, and rotate this one.",
  },
  {
    title: "Shell command execution",
    severity: "warning",
    test: (l) => /\bos\.(?:system|popen)\s*\(|\bsubprocess\.\w+\([^)]*shell\s*=\s*True|\bexecSync\s*\(|\bchild_process\b[^;]*\bexec\s*\(|\bRuntime\.getRuntime\(\)\.exec\s*\(/.test(l),
    detail: "A shell runs a command string; interpolated input can inject commands.",
    recommendation: "Pass an argument list without a shell (subprocess.run([...]), execFile).",
  },
  {
    title: "Unsafe deserialisation",
    severity: "warning",
    test: (l) => /\bpickle\.loads?\s*\(|\bmarshal\.loads?\s*\(|\byaml\.load\s*\((?![^)]*SafeLoader)|\bunserialize\s*\(/.test(l),
    detail: "Deserialising untrusted data with this API can execute code.",
    recommendation: "Use a data-only format (JSON) or the safe loader (yaml.safe_load).",
  },
  {
    title: "Weak hash function",
    severity: "warning",
    test: (l) => /\b(?:hashlib\.)?(?:md5|sha1)\s*\(|createHash\(\s*["'](?:md5|sha1)["']/i.test(l),
    detail: "MD5 and SHA-1 are broken for security purposes (collisions, fast brute force).",
    recommendation: "Use SHA-256 for integrity, and bcrypt/scrypt/argon2 for passwords.",
  },
  {
    title: "TLS verification disabled",
    severity: "warning",
    test: (l) => /\bverify\s*=\s*False\b|rejectUnauthorized\s*:\s*false|InsecureSkipVerify\s*:\s*true|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*["']?0/.test(l),
    detail: "Certificate checks are off, so a man-in-the-middle can read and alter traffic.",
    recommendation: "Keep verification on; trust a private CA explicitly if needed.",
  },
  {
    title: "Debug mode enabled",
    severity: "info",
    test: (l) => /\bdebug\s*=\s*True\b|\bDEBUG\s*=\s*(?:True|true|1)\b/.test(l),
    detail: "Debug mode can expose stack traces and internals in production.",
    recommendation: "Read the flag from configuration and default it to off.",
  },
];

const PER_RULE = 5;

function ruleHits(lines: readonly Line[], rule: Rule): Line[] {
  return lines.filter((l) => l.quote.length > 0 && (rule.inComments || !isComment(l)) && rule.test(l.quote)).slice(0, PER_RULE);
}

export const codeSecurity: Analyzer = ({ index }) => {
  const findings: RawFinding[] = RULES.flatMap((rule) =>
    ruleHits(index.lines, rule).map((line) =>
      finding({ severity: rule.severity, title: rule.title, detail: `Line ${line.number}: ${rule.detail}`, recommendation: rule.recommendation, spans: [line] }),
    ),
  );
  const critical = findings.filter((f) => f.severity === "critical").length;
  const result = renderResult({
    title: "code security",
    lead: `Scanned ${count(index.lines.length, "line")} for ${RULES.length} vulnerability patterns (string-built SQL, eval/exec, hard-coded secrets, shell commands, unsafe deserialisation, weak hashing, disabled TLS checks, debug mode): ${count(findings.length, "issue")}, ${critical} critical.`,
    findings,
  });
  return { status: "success", result, findings };
};
