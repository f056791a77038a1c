import { isStandardSectionName, sections, type Section } from "./sections";
import type { TextIndex } from "./text";

/** A section needs this much body (non-space characters) before "no task cited it" says anything. */
const MIN_BODY_CHARS = 200;
const CONTENTS_TITLE = /^(?:table of contents|contents|index)$/i;
/** "END OF TERMS AND CONDITIONS", "End of document": a closing line, not the start of a section. */
const CLOSING_MARKER = /^end\b/i;
/** A contents entry: ends in a page number, often after dot leaders ("1. Scope ........ 4"). */
const CONTENTS_ENTRY = /(?:\.{2,}|…|\s)\s*\d{1,4}$/;

/**
 * The sections a task could have been expected to cover, in document order: every headed section
 * except the document's title (an unnumbered first heading with nothing before it, unless it is a
 * standard section name such as "Abstract"), a table of contents, a closing marker, and a heading
 * whose body is empty or too short to say anything about (under 200 non-space characters, e.g. a
 * part heading followed at once by its first sub-heading).
 */
export function coverableSections(index: TextIndex): Section[] {
  const all = sections(index);
  return all.filter((s, i) => {
    const body = index.text.slice(s.heading.end, s.end);
    if (body.replace(/\s+/g, "").length < MIN_BODY_CHARS) return false;
    if (i === 0 && s.number === "" && index.text.slice(0, s.heading.start).trim() === "" && !isStandardSectionName(s.title)) return false;
    if (CONTENTS_TITLE.test(s.title) || CLOSING_MARKER.test(s.title) || isContentsList(body)) return false;
    return true;
  });
}

/** A body that is mostly contents entries (three or more, at least 60 % of its lines). */
function isContentsList(body: string): boolean {
  const lines = body.split("\n").map((l) => l.trim()).filter(Boolean);
  const entries = lines.filter((l) => CONTENTS_ENTRY.test(l)).length;
  return entries >= 3 && entries >= lines.length * 0.6;
}

/**
 * A heading's title without the run-on text a wrapped line carries after it ("Accepting Warranty
 * or Additional Liability. While redistributing" → "Accepting Warranty or Additional Liability").
 */
export function shortTitle(title: string): string {
  return (title.split(/(?<=[a-z)]\.)\s+(?=[A-Z])/)[0] ?? title).replace(/\.$/, "");
}
