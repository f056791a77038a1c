/**
 * Line numbers beside source code, in their own column: aria-hidden and not selectable, so
 * copying or selecting the code never picks them up and screen readers read the code alone.
 * Each number is one line of the same font and line height as the code beside it, which is drawn
 * without wrapping (`whitespace-pre`), so number n stays level with the code's line n.
 */
export function LineGutter({ text }: { text: string }) {
  // A final newline ends the last line; it does not start a drawn one.
  const count = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1)).join("\n");
  return (
    <div
      aria-hidden="true"
      data-testid="line-numbers"
      // Stuck at the region's left edge while the code scrolls sideways (-left-4/-ml-4/pl-4 cover the
      // region's padding too), painted over the code that passes beneath it.
      className="sticky -left-4 z-[1] -ml-4 select-none pl-4 whitespace-pre border-r border-slate-200 bg-white pr-2 text-right text-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-500"
    >
      {numbers}
    </div>
  );
}
