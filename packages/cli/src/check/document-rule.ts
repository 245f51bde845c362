import type { FindingCode } from './findings';

/** One thing a rule saw in a document: the sentence to report, and what was seen. */
export interface RuleHit {
  message: string;
  evidence?: string;
  /** The URL the finding is about, when it is not the document's own. */
  url?: string;
}

/**
 * A small named rule over facts already fetched (a metadata document and what it is compared with): its stable code,
 * and what it finds, nothing when the facts are fine. Severity and spec line come from `FINDING_RULES[code]`.
 */
export interface DocumentRule<Facts> {
  code: FindingCode;
  check(facts: Facts): RuleHit[];
}
