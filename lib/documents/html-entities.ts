// Latin-1 named entities in code-point order from U+00A0, so the table stays one line of data.
const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro " +
  "para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil " +
  "Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave " +
  "Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml " +
  "igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute " +
  "thorn yuml";

const NAMED: ReadonlyMap<string, string> = new Map<string, string>([
  ...LATIN1.split(" ").map((name, i): [string, string] => [name, String.fromCodePoint(0xa0 + i)]),
  // A non-breaking space becomes a plain one: quotes a model copies back must still match.
  ["nbsp", " "],
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
  ["ndash", "\u2013"],
  ["mdash", "\u2014"],
  ["lsquo", "\u2018"],
  ["rsquo", "\u2019"],
  ["sbquo", "\u201a"],
  ["ldquo", "\u201c"],
  ["rdquo", "\u201d"],
  ["bdquo", "\u201e"],
  ["hellip", "\u2026"],
  ["bull", "\u2022"],
  ["prime", "\u2032"],
  ["Prime", "\u2033"],
  ["trade", "\u2122"],
  ["euro", "\u20ac"],
  ["larr", "\u2190"],
  ["rarr", "\u2192"],
  ["uarr", "\u2191"],
  ["darr", "\u2193"],
  ["le", "\u2264"],
  ["ge", "\u2265"],
  ["ne", "\u2260"],
  ["minus", "\u2212"],
  ["asymp", "\u2248"],
  ["infin", "\u221e"],
  ["dagger", "\u2020"],
  ["Dagger", "\u2021"],
  ["permil", "\u2030"],
  ["lsaquo", "\u2039"],
  ["rsaquo", "\u203a"],
  ["OElig", "\u0152"],
  ["oelig", "\u0153"],
  ["Scaron", "\u0160"],
  ["scaron", "\u0161"],
  ["Yuml", "\u0178"],
  ["fnof", "\u0192"],
  ["circ", "\u02c6"],
  ["tilde", "\u02dc"],
  ["thinsp", " "],
  ["ensp", " "],
  ["emsp", " "],
  ["zwnj", ""],
  ["zwj", ""],
  ["shy", ""],
]);

/** Decodes named (common set), decimal and hex character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED.get(name) ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
    // Out-of-range, surrogate and NUL references are what browsers replace with U+FFFD.
    if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
    return String.fromCodePoint(code);
  });
}
