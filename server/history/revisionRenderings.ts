// The rendered HTML and text of each revision. A revision is rendered from its exact Yjs state after it is
// cut, and stored as a delta from the previous revision's rendering (or, now and then, a full copy), so
// storing every revision's rendering costs about the size of its edits. Renders of one page run in order:
// a delta needs the rendering before it.
import type { FastifyBaseLogger } from 'fastify';
import { stateFromUpdates } from '../collab/storedState.js';
import type { UpdateLogRepo } from '../collab/updateLog.repo.js';
import type { RenderedPage } from '../render/pageRenderer.js';
import type { RevisionsRepo, RenderingRow } from './revisions.repo.js';
import { applyDelta, decodeFull, encodeDelta, encodeFull, needsFullCopy } from './textDelta.js';

export interface RevisionRendering {
  title: string;
  html: string;
  text: string;
}

export interface RevisionRenderingsDeps {
  repo: RevisionsRepo;
  updateLog: UpdateLogRepo;
  render(state: Uint8Array): Promise<RenderedPage>;
  log: FastifyBaseLogger;
}

/** Decoded renderings kept to encode the next revision's delta without rebuilding a chain. */
const CACHE_SIZE = 256;

export class RevisionRenderings {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly latest = new Map<string, { number: number } & RevisionRendering>();

  constructor(private readonly deps: RevisionRenderingsDeps) {}

  /** The exact Yjs state of a revision: every logged update up to its boundary, applied to one doc. */
  stateAt(pageId: string, boundary: number): Uint8Array {
    return stateFromUpdates(this.deps.updateLog.loadUpTo(pageId, boundary));
  }

  /** Renders and stores a revision (queued behind the page's earlier renders). */
  schedule(pageId: string, number: number, boundary: number): Promise<void> {
    return this.enqueue(pageId, async () => {
      if (this.deps.repo.rendering(pageId, number)?.html) return;
      const rendered = await this.deps.render(this.stateAt(pageId, boundary));
      this.store(pageId, number, { title: rendered.title, html: rendered.html, text: rendered.text });
    });
  }

  /** Stores a rendering already at hand (a page's first revision, rendered when it was created). */
  store(pageId: string, number: number, rendering: RevisionRendering): void {
    const previous = number > 1 ? this.readStored(pageId, number - 1) : null;
    const full = { html: encodeFull(rendering.html), text: encodeFull(rendering.text) };
    let stored = { title: rendering.title, ...full, chainLength: 0, chainBytes: 0 };
    if (previous) {
      const html = encodeDelta(previous.html, rendering.html);
      const text = encodeDelta(previous.text, rendering.text);
      const row = this.deps.repo.rendering(pageId, number - 1)!;
      const chain = { length: row.chain_length + 1, bytes: row.chain_bytes + html.length + text.length };
      if (!needsFullCopy(chain, full.html.length + full.text.length)) {
        stored = { title: rendering.title, html, text, chainLength: chain.length, chainBytes: chain.bytes };
      }
    }
    this.deps.repo.storeRendering(pageId, number, stored);
    this.remember(pageId, number, rendering);
  }

  /** A revision's rendering: from storage, or rendered now if it is not stored yet. Null if unknown. */
  async read(pageId: string, number: number, boundary: number): Promise<RevisionRendering | null> {
    const stored = this.readStored(pageId, number);
    if (stored) return stored;
    await this.schedule(pageId, number, boundary);
    return this.readStored(pageId, number);
  }

  /** Renders every revision cut but not rendered (the process stopped first), page by page, in order. */
  async renderMissing(): Promise<void> {
    for (const { page_id: pageId, number } of this.deps.repo.unrenderedRevisions()) {
      const revision = this.deps.repo.find(pageId, number);
      if (!revision) continue;
      try {
        await this.schedule(pageId, number, revision.boundary);
      } catch (error) {
        this.deps.log.error({ err: error, pageId, number }, 'could not render a revision');
      }
    }
  }

  /** Waits for every queued render. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private readStored(pageId: string, number: number): RevisionRendering | null {
    const cached = this.latest.get(pageId);
    if (cached?.number === number) return { title: cached.title, html: cached.html, text: cached.text };
    const chain = this.deps.repo.renderingChain(pageId, number);
    const last = chain[chain.length - 1];
    if (!last || last.number !== number || !last.html) return null;
    return decodeChain(chain);
  }

  private remember(pageId: string, number: number, rendering: RevisionRendering): void {
    const cached = this.latest.get(pageId);
    if (cached && cached.number > number) return;
    this.latest.delete(pageId);
    this.latest.set(pageId, { number, ...rendering });
    if (this.latest.size > CACHE_SIZE) this.latest.delete(this.latest.keys().next().value!);
  }

  private enqueue(pageId: string, job: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(pageId) ?? Promise.resolve();
    const next = previous.then(job, job);
    const settled = next.catch(() => {});
    this.queues.set(pageId, settled);
    void settled.then(() => {
      if (this.queues.get(pageId) === settled) this.queues.delete(pageId);
    });
    return next;
  }
}

/** Rebuilds a rendering from a full copy and the deltas after it. */
function decodeChain(chain: RenderingRow[]): RevisionRendering {
  const [first, ...rest] = chain;
  if (first.chain_length !== 0) throw new Error(`revision ${first.number} should be a full copy`);
  let html = decodeFull(first.html!);
  let text = decodeFull(first.text!);
  for (const row of rest) {
    html = applyDelta(html, row.html!);
    text = applyDelta(text, row.text!);
  }
  return { title: chain[chain.length - 1].title ?? '', html, text };
}
