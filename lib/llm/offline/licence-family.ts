/**
 * Common open-source licences, recognised from their own text, with compatibility notes.
 * Source of the compatibility facts: the Free Software Foundation's licence list,
 * https://www.gnu.org/licenses/license-list.html (GPL-compatibility of Apache-2.0, MPL-2.0, MIT,
 * BSD), and MPL-2.0 §3.3 (Secondary Licenses).
 */
export type LicenceFamily = { name: string; compatibility: string[] };

const FAMILIES: readonly { re: RegExp; family: LicenceFamily }[] = [
  {
    re: /GNU AFFERO GENERAL PUBLIC LICENSE/i,
    family: { name: "GNU AGPL", compatibility: ["Code under it can be combined with GPL-3.0 code (AGPL §13 and GPL-3.0 §13).", "Not compatible with proprietary distribution or with GPL-2.0-only."] },
  },
  {
    re: /GNU LESSER GENERAL PUBLIC LICENSE/i,
    family: { name: "GNU LGPL", compatibility: ["Proprietary programs may link to the library if users can replace it with a modified version.", "Can be upgraded to the GPL of the same or a later version."] },
  },
  {
    re: /GNU GENERAL PUBLIC LICENSE[\s\S]{0,200}Version 3/i,
    family: {
      name: "GNU GPL version 3",
      compatibility: ["Apache-2.0, MIT and BSD code may be included in a GPL-3.0 work (the result is distributed under GPL-3.0).", "Not compatible with GPL-2.0-only code.", "MPL-2.0 code may be combined unless it is marked “Incompatible With Secondary Licenses”."],
    },
  },
  {
    re: /GNU GENERAL PUBLIC LICENSE[\s\S]{0,200}Version 2/i,
    family: { name: "GNU GPL version 2", compatibility: ["Not compatible with Apache-2.0 (its patent terms are extra restrictions under GPL-2.0).", "GPL-2.0-only code cannot be combined with GPL-3.0 code."] },
  },
  {
    re: /Mozilla Public License,?\s+(?:Version|v\.?)\s?2\.0/i,
    family: { name: "Mozilla Public License 2.0", compatibility: ["File-level copyleft: MPL files may sit in a larger work under other terms.", "Compatible with the GPL, LGPL and AGPL as Secondary Licenses (§3.3) unless the notice says “Incompatible With Secondary Licenses”."] },
  },
  {
    re: /Apache License,?\s+Version 2\.0/i,
    family: { name: "Apache License 2.0", compatibility: ["Permissive: may be included in proprietary and GPL-3.0 works.", "Not compatible with GPL-2.0-only (FSF)."] },
  },
  {
    re: /Permission is hereby granted, free of charge, to any person obtaining a copy/i,
    family: { name: "MIT licence", compatibility: ["Permissive and compatible with almost every other licence, including the GPL, as long as the notice is kept."] },
  },
  {
    re: /Redistribution and use in source and binary forms, with or without modification, are permitted/i,
    family: { name: "BSD licence", compatibility: ["Permissive; the 2- and 3-clause versions are GPL-compatible (the 4-clause advertising clause is not)."] },
  },
];

/** The licence family `text` reads as, judged from its first 4,000 characters (where titles and grants sit). */
export function identifyLicence(text: string): LicenceFamily | undefined {
  const head = text.slice(0, 4000);
  return FAMILIES.find((f) => f.re.test(head))?.family;
}
