import { toRoman, type DocxParts } from "./docx-parts";

/**
 * mammoth's document model (mammoth/lib/documents.js), as the parse worker sends it: plain data,
 * every element tagged by `type`. Only the fields read here are listed.
 */
export type DocxNode = {
  type: string;
  children?: DocxNode[];
  value?: string;
  numbering?: { isOrdered: boolean; level: string } | null;
  noteType?: string;
  noteId?: string;
  commentId?: string;
  breakType?: string;
  checked?: boolean;
  body?: DocxNode[];
  authorName?: string | null;
};
export type DocxModel = { children: DocxNode[]; notes: DocxNode[]; comments: DocxNode[] };

/**
 * Lays the model out as a reader sees the document: headers once at the start; paragraphs
 * separated by blank lines, numbered paragraphs with their list label ("1.", "(a)", "•");
 * tables one row per line with tab-separated cells; footnote and endnote markers kept in the
 * body as "[1]" / "[i]" with the notes after the body; footers once at the end; review
 * comments flagged in place as "[comment 1]" and listed last. Tracked changes are as mammoth
 * reads them: insertions kept, deletions gone.
 */
export function layoutDocx(model: DocxModel, parts: DocxParts): { text: string; comments: number } {
  const labels = parts.listLabels;
  const numberedParagraphs = countNumbered(model.children);
  // mammoth and the XML scan see the same numbered paragraphs unless mammoth merged some
  // (deleted paragraph marks); then every label would be off by one, so count instead.
  const useLabels = labels.length === numberedParagraphs;
  let labelIndex = 0;
  const fallback: number[] = [];
  const noteMarks = new Map<string, string>();
  const notesInOrder: DocxNode[] = [];
  const commentMarks = new Map<string, string>();

  const inline = (node: DocxNode): string => {
    switch (node.type) {
      case "text":
        return node.value ?? "";
      case "tab":
        return "\t";
      case "break":
        return node.breakType === "line" ? "\n" : "";
      case "checkbox":
        return node.checked ? "☒" : "☐";
      case "noteReference": {
        const key = `${node.noteType}-${node.noteId}`;
        let mark = noteMarks.get(key);
        if (mark === undefined) {
          const endnotes = [...noteMarks.keys()].filter((k) => k.startsWith("endnote-")).length;
          const footnotes = noteMarks.size - endnotes;
          mark = node.noteType === "endnote" ? `[${toRoman(endnotes + 1)}]` : `[${footnotes + 1}]`;
          noteMarks.set(key, mark);
          const note = model.notes.find((candidate) => candidate.noteType === node.noteType && candidate.noteId === node.noteId);
          if (note) notesInOrder.push(note);
        }
        return mark;
      }
      case "commentReference": {
        const id = node.commentId ?? "";
        let mark = commentMarks.get(id);
        if (mark === undefined) {
          mark = `[comment ${commentMarks.size + 1}]`;
          commentMarks.set(id, mark);
        }
        return mark;
      }
      default:
        return (node.children ?? []).map(inline).join("");
    }
  };

  let inBody = true;
  const label = (paragraph: DocxNode): string => {
    const numbering = paragraph.numbering;
    if (!numbering || !inBody) return "";
    if (useLabels) return `${labels[labelIndex++] ?? ""} `;
    const level = Number(numbering.level) || 0;
    fallback[level] = (fallback[level] ?? 0) + 1;
    fallback.length = level + 1;
    return numbering.isOrdered ? `${fallback.slice(0, level + 1).map((n) => n ?? 1).join(".")}. ` : "• ";
  };

  const blocks = (nodes: readonly DocxNode[]): string[] =>
    nodes.flatMap((node): string[] => {
      if (node.type === "paragraph") {
        const prefix = label(node);
        const text = (node.children ?? []).map(inline).join("");
        return text.trim() === "" && prefix === "" ? [] : [`${prefix}${text.trim()}`];
      }
      if (node.type === "table") return [table(node)];
      return blocks(node.children ?? []);
    });

  const table = (node: DocxNode): string =>
    (node.children ?? [])
      .filter((row) => row.type === "tableRow")
      .map((row) =>
        (row.children ?? [])
          .filter((cell) => cell.type === "tableCell")
          // A cell's paragraphs stay on its row, so rows and columns stay apart.
          .map((cell) => blocks(cell.children ?? []).join(" ").replace(/\s*\n\s*/g, " "))
          .join("\t"),
      )
      .join("\n");

  const body = blocks(model.children);
  inBody = false; // list labels were counted over the body only
  const sections: string[] = [...parts.headers, ...body];
  // Notes can cite notes; laying out a note may add more, so walk the growing list.
  const noteBlocks: string[] = [];
  for (let i = 0; i < notesInOrder.length; i++) {
    const note = notesInOrder[i] as DocxNode;
    const mark = noteMarks.get(`${note.noteType}-${note.noteId}`) ?? "";
    noteBlocks.push(`${mark} ${blocks(note.body ?? []).join(" ")}`.trim());
  }
  sections.push(...noteBlocks, ...parts.footers);
  const commentBlocks = [...commentMarks].flatMap(([id, mark]) => {
    const comment = model.comments.find((candidate) => candidate.commentId === id);
    if (!comment) return [];
    const author = comment.authorName ? ` ${comment.authorName}:` : "";
    return [`${mark}${author} ${blocks(comment.body ?? []).join(" ")}`.trim()];
  });
  sections.push(...commentBlocks);
  return { text: sections.join("\n\n"), comments: commentBlocks.length };
}

function countNumbered(nodes: readonly DocxNode[]): number {
  return nodes.reduce((sum, node) => sum + (node.type === "paragraph" && node.numbering ? 1 : 0) + countNumbered(node.children ?? []), 0);
}
