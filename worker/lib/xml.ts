// Text in and out of SpreadsheetML (ECMA-376 Part 1), shared by the .xlsx writer and reader so that
// what one escapes the other unescapes; plain XML text and the package parts the .xlsx and the work
// report's .docx both write.
//
// Two layers of escaping apply to a cell's text. XML's own: & < > " as entities, and CR as a character
// reference, since an XML parser turns a literal CR (or CRLF) into LF (XML 1.0 §2.11). Then OOXML's
// ST_Xstring (§22.9.2.19): `_xHHHH_` in a string means the character U+HHHH, so a literal `_x0041_`
// must be written with its underscore escaped (`_x005F_x0041_`), as Excel does.

// XML 1.0 §2.2 Char: TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and the astral planes (as surrogate
// pairs). Anything else — C0 controls, U+FFFE/U+FFFF, a lone surrogate — makes the file unreadable.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what is removed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// One test for "anything to do", so the common plain cell costs a single regex scan.
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const NEEDS_WORK = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-f]{4}_/i;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** A value as element text or an attribute value: forbidden characters dropped, the rest escaped. */
export function xmlText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value
    .replace(NOT_XML, '')
    .replace(/_(?=x[0-9a-f]{4}_)/gi, '_x005F_')
    .replace(/[&<>"\r]/g, (ch) => ENTITY[ch] as string);
}

/**
 * Text for XML that has no `_xHHHH_` layer (WordprocessingML's w:t is plain xsd:string): forbidden
 * characters dropped, & < > " escaped, CR kept as a reference.
 */
export const xmlPlain = (value: string): string => value.replace(NOT_XML, '').replace(/[&<>"\r]/g, (ch) => ENTITY[ch] as string);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Element text or an attribute value as read: entities and character references, then `_xHHHH_`. */
export function xmlValue(raw: string): string {
  const text = raw.includes('&')
    ? raw.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
        if (ref[0] !== '#') return NAMED[ref] ?? whole;
        const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      })
    : raw;
  return text.includes('_x') ? text.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

/** The declaration every part of an OOXML package (.xlsx, .docx) starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A package relationships part (ECMA-376 Part 2 §9.3): rId1, rId2 … in the order given. */
export const relationships = (rels: [type: string, target: string][]) =>
  `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels
    .map(
      ([type, target], i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`,
    )
    .join('')}</Relationships>`;
