import type { ReportAudience, ReportFacts, ReportResponse } from '@retailmind/sdk/contract';
import { reportFactsFor, seesCampaigns } from '../auth/views.js';
import { budgetFor, type BudgetService } from '../services/budget.js';
import type { DecisionEngine } from '../services/engine.js';
import { Lru } from '../services/lru.js';
import { campaignList } from '../store/series.js';
import type { Store } from '../store/store.js';
import { buildFacts, type BuiltFacts } from './facts.js';
import { checkGrounding } from './grounding.js';
import { writeOffline } from './offline-writer.js';
import { OpenAiWriter, type OpenAiSettings } from './openai-writer.js';
import { WriterFailure, type WrittenReport } from './writer.js';

export interface ReportConfig {
  /** With settings, the model writes the narrative (checked against the facts); without, the offline writer does. */
  openai?: OpenAiSettings | null;
}

/** Something that writes a report from facts: the OpenAI writer, or a stand-in in tests. */
export interface ModelWriter {
  readonly model: string;
  write(input: { facts: ReportFacts; audience: ReportAudience }): Promise<WrittenReport>;
}

type Range = { from: string; to: string };
type Composed = { report: ReportResponse; cacheable: boolean };

const CACHE_ENTRIES = 64;

/**
 * Reports: facts from the metrics, the engine and the budget optimizer, narrowed to the audience
 * (`auth/views.ts`), written by the model when one is configured and its text passes the grounding
 * check, by the offline writer otherwise. Never fails because the model does: every model failure
 * becomes a warning on an offline report. Cached per (data version, thresholds version, audience,
 * period); a fallback caused by a passing failure (timeout, 429, 5xx, no connection) is not
 * cached, so the next request asks the model again.
 */
export class ReportService {
  private readonly reports = new Lru<string, Promise<Composed>>(CACHE_ENTRIES);
  private readonly facts = new Lru<string, Promise<BuiltFacts>>(CACHE_ENTRIES);
  private readonly writer: ModelWriter | null;
  private readonly budget: BudgetService;

  constructor(
    private readonly store: Store,
    private readonly engine: DecisionEngine,
    config: ReportConfig & { writer?: ModelWriter | null; budget?: BudgetService } = {},
  ) {
    this.writer = config.writer !== undefined ? config.writer : config.openai ? new OpenAiWriter(config.openai) : null;
    // The store's one budget service by default: its fitted curves are shared with the budget routes.
    this.budget = config.budget ?? budgetFor(store);
  }

  async report(range: Range, audience: ReportAudience): Promise<ReportResponse> {
    const v = await this.engine.versions();
    const key = `${v.data}|${v.thresholds}|${audience}|${range.from}|${range.to}`;
    let run = this.reports.get(key);
    if (!run) {
      run = this.compose(range, audience, `${v.data}|${v.thresholds}|${range.from}|${range.to}`);
      this.reports.set(key, run);
      run.then(
        ({ cacheable }) => cacheable || this.reports.delete(key),
        () => this.reports.delete(key),
      );
    }
    return (await run).report;
  }

  private fullFacts(range: Range, key: string): Promise<BuiltFacts> {
    let facts = this.facts.get(key);
    if (!facts) {
      facts = buildFacts({ store: this.store, engine: this.engine, budget: this.budget, range });
      this.facts.set(key, facts);
      facts.catch(() => this.facts.delete(key));
    }
    return facts;
  }

  private async compose(range: Range, audience: ReportAudience, factsKey: string): Promise<Composed> {
    const built = await this.fullFacts(range, factsKey);
    const facts = reportFactsFor(audience, built.facts);
    // An audience that does not see campaigns must not read a campaign's name or id, whoever wrote the text.
    const forbidden = seesCampaigns(audience) ? [] : await campaignNames(this.store, facts);
    const warnings: string[] = [];
    let written: WrittenReport | null = null;
    let cacheable = true;

    if (this.writer) {
      try {
        const draft = await this.writer.write({ facts, audience });
        const check = checkGrounding(draft, facts, { forbidden });
        if (check.ok) written = draft;
        else warnings.push(`the model's text was not used: ${check.problems.slice(0, 5).join('; ')}; the offline writer wrote this report instead`);
      } catch (err) {
        const failure = err instanceof WriterFailure ? err : new WriterFailure('the model writer failed unexpectedly', true);
        cacheable = !failure.transient;
        warnings.push(`the model's text was not used: ${failure.message}; the offline writer wrote this report instead`);
      }
    }
    const generatedBy = written ? 'openai' : 'offline';
    if (!written) {
      written = writeOffline({ facts, audience });
      const check = checkGrounding(written, facts, { forbidden });
      // Never expected (the tests hold the offline writer to the check); said rather than hidden.
      if (!check.ok) warnings.push(`offline writer: ${check.problems.join('; ')}`);
    }
    warnings.push(...built.warnings);

    const report: ReportResponse = {
      title: written.title,
      period: { from: range.from, to: range.to },
      audience,
      narrative: written.narrative,
      highlights: written.highlights,
      recommendations: written.recommendations,
      generatedBy,
      ...(generatedBy === 'openai' && this.writer ? { model: this.writer.model } : {}),
      warnings,
      dataVersion: facts.dataVersion,
      facts,
    };
    return { report, cacheable };
  }
}

/** Every campaign's name and id, but those that are also a channel or segment name (which the audience may see). */
async function campaignNames(store: Store, facts: ReportFacts): Promise<string[]> {
  const visible = new Set(facts.channels.map((c) => c.channel));
  const out: string[] = [];
  for (const c of await campaignList(store.db)) {
    for (const name of [c.name, c.id]) if (name.trim().length >= 3 && !visible.has(name) && name !== c.segment) out.push(name);
  }
  return out;
}
