/** The MCP authorization specification the rules cite. */
export const MCP_AUTHORIZATION_URL = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization';

const RFC_SECTION = /RFC (\d{4})(?: §([\d.]+))?/g;

/**
 * A rule's spec line (`RFC 6750 §3.1, MCP authorization`) with each RFC reference made a Markdown link to its section
 * on rfc-editor.org, and the first mention of MCP authorization linked to the specification.
 */
export function specMarkdown(spec: string): string {
  let out = spec.replace(RFC_SECTION, (text, rfc: string, section: string | undefined) => {
    const anchor = section === undefined ? '' : `#section-${section.replace(/\.$/, '')}`;
    return `[${text}](https://www.rfc-editor.org/rfc/rfc${rfc}${anchor})`;
  });
  out = out.replace('MCP authorization', `[MCP authorization](${MCP_AUTHORIZATION_URL})`);
  return out;
}
