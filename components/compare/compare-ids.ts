/**
 * The two run ids to compare, from `?a=&b=` (in that order) or from the history's checkboxes
 * (`?run=x&run=y`). The history lists the newest run first, so its ticked runs arrive newest
 * first: they are turned round, so that A is the earlier run and B the later one — for two
 * versions of a document, "added in B" then means added by the newer version. Duplicates and
 * empty values are dropped; the caller checks that exactly two remain.
 */
export function compareIds(params: Record<string, string | string[] | undefined>): string[] {
  const ticked = [params.run ?? []].flat().reverse();
  const ab = [params.a, params.b].flatMap((v) => (typeof v === "string" ? [v] : []));
  return [...ab, ...ticked].filter((v, i, all) => v && all.indexOf(v) === i);
}
