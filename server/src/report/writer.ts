import type { ReportAudience, ReportFacts, ReportHighlight } from '@retailmind/sdk/contract';

/** What a writer produces from the facts; the service adds the period, audience, provenance and warnings. */
export interface WrittenReport {
  title: string;
  /** Plain text, paragraphs separated by a blank line. */
  narrative: string;
  highlights: ReportHighlight[];
  recommendations: string[];
}

export interface WriterInput {
  facts: ReportFacts;
  audience: ReportAudience;
}

/** Why the model's text was not used; `transient` failures (timeouts, 429, 5xx) are not cached, so the next request tries again. */
export class WriterFailure extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'WriterFailure';
  }
}
