import { compareResource, type ResourceRelation } from './compare-resource';
import type { DocumentRule, RuleHit } from './document-rule';
import { isSecureOrLoopback } from './url-policy';

/** What the protected resource metadata rules look at. */
export interface ResourceMetadataFacts {
  metadata: Record<string, unknown>;
  /** The URL probed. */
  target: URL;
  insecureHttp: boolean;
}

const BEARER_METHODS = new Set(['header', 'body', 'query']);

function relation({ metadata, target }: ResourceMetadataFacts): ResourceRelation | 'missing' {
  return typeof metadata.resource === 'string' ? compareResource(metadata.resource, target) : 'missing';
}

/** A rule that fires for one relation between `resource` and the URL probed (RFC 9728 §3.3). */
function resourceRule(code: 'RESOURCE_FRAGMENT' | 'RESOURCE_TRAILING_SLASH' | 'RESOURCE_IS_PARENT', when: ResourceRelation, message: (target: string) => string): DocumentRule<ResourceMetadataFacts> {
  return {
    code,
    check: (facts) => (relation(facts) === when ? [{ message: message(facts.target.href), evidence: `resource: ${String(facts.metadata.resource)}` }] : []),
  };
}

/** The authorization servers a client may use: absolute https URLs (loopback http aside). */
export function usableAuthorizationServers({ metadata, insecureHttp }: ResourceMetadataFacts): URL[] {
  const servers = Array.isArray(metadata.authorization_servers) ? (metadata.authorization_servers as unknown[]) : [];
  return servers.flatMap((s) => (typeof s === 'string' && URL.canParse(s) && isSecureOrLoopback(new URL(s), insecureHttp) ? [new URL(s)] : []));
}

/** The rules over a protected resource metadata document (RFC 9728 §2, §3.3; MCP authorization), in report order. */
export const RESOURCE_METADATA_RULES: ReadonlyArray<DocumentRule<ResourceMetadataFacts>> = [
  resourceRule('RESOURCE_FRAGMENT', 'fragment', () => "The metadata's resource carries a fragment, which a resource identifier must not (RFC 9728 §1.2, RFC 8707 §2)."),
  resourceRule(
    'RESOURCE_TRAILING_SLASH',
    'trailing-slash',
    (target) => `The metadata's resource differs from ${target} only by a trailing slash; RFC 9728 §3.3 compares exactly, so clients reject it.`,
  ),
  resourceRule(
    'RESOURCE_IS_PARENT',
    'parent',
    (target) => `The metadata's resource is the origin or a parent path of ${target}, which MCP clients accept (RFC 9728 §3.3 ties it to the URL the well-known URI was built from).`,
  ),
  {
    code: 'RESOURCE_MISMATCH',
    check: (facts) => {
      const found = relation(facts);
      if (found === 'missing') return [{ message: 'The metadata has no resource; RFC 9728 §3.3 requires clients to reject it.' }];
      if (found !== 'mismatch') return [];
      return [
        {
          message: `The metadata's resource is neither ${facts.target.href} nor its origin or a parent path; RFC 9728 §3.3 requires clients to reject it.`,
          evidence: `resource: ${String(facts.metadata.resource)}`,
        },
      ];
    },
  },
  {
    code: 'BEARER_METHODS_INVALID',
    check: ({ metadata }) => {
      const methods = metadata.bearer_methods_supported;
      if (methods === undefined) return [];
      if (Array.isArray(methods) && methods.every((m) => typeof m === 'string' && BEARER_METHODS.has(m)) && methods.includes('header')) return [];
      return [
        {
          message: 'bearer_methods_supported must hold only header, body or query (RFC 9728 §2, RFC 6750 §2), and MCP clients send the token in the header.',
          evidence: `bearer_methods_supported: ${JSON.stringify(methods)}`,
        },
      ];
    },
  },
  {
    code: 'AUTHORIZATION_SERVERS_MISSING',
    check: ({ metadata }) => {
      const servers = metadata.authorization_servers;
      return Array.isArray(servers) && servers.length > 0 ? [] : [{ message: 'The metadata lists no authorization_servers (RFC 9728 §2); MCP requires at least one.' }];
    },
  },
  {
    code: 'AUTHORIZATION_SERVER_INVALID',
    check: ({ metadata, insecureHttp }): RuleHit[] => {
      const servers = Array.isArray(metadata.authorization_servers) ? (metadata.authorization_servers as unknown[]) : [];
      const invalid = servers.filter((s) => !(typeof s === 'string' && URL.canParse(s) && isSecureOrLoopback(new URL(s), insecureHttp)));
      return invalid.length === 0 ? [] : [{ message: 'authorization_servers holds a value that is not an absolute https URL.', evidence: JSON.stringify(invalid) }];
    },
  },
];
