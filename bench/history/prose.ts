// Deterministic prose for the history benchmark: a seeded PRNG and sentences drawn from the vocabulary of a
// public-service wiki page, so every run types the same text and the figures are comparable between runs.

/** mulberry32: small, fast, and good enough to pick words; the same seed always gives the same stream. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const SUBJECTS = [
  'the team', 'each branch', 'the program', 'our directorate', 'the regional office', 'every applicant', 'the working group',
  'the service desk', 'the policy unit', 'the review board', 'the client', 'the department', 'the project lead', 'staff',
  'the security officer', 'the data steward', 'the procurement team', 'the steering committee', 'each analyst', 'the manager',
];
const VERBS = [
  'reviews', 'updates', 'approves', 'documents', 'publishes', 'tracks', 'schedules', 'validates', 'confirms', 'prepares',
  'archives', 'assesses', 'submits', 'coordinates', 'measures', 'records', 'shares', 'revises', 'monitors', 'drafts',
];
const OBJECTS = [
  'the quarterly report', 'the funding request', 'the onboarding checklist', 'all open tickets', 'the accessibility audit',
  'the risk register', 'the service standard', 'the migration plan', 'the records schedule', 'the budget forecast',
  'the privacy assessment', 'the release notes', 'each change request', 'the training material', 'the contact list',
  'the performance indicators', 'the user research findings', 'the transition plan', 'the procurement strategy', 'the glossary',
];
const TAILS = [
  'before the end of each month', 'with the help of the regional teams', 'as soon as the data is available',
  'in both official languages', 'after consulting the stakeholders', 'using the shared template', 'every second Tuesday',
  'within ten business days', 'once the director signs off', 'and posts a summary on this page', 'for the next fiscal year',
  'so that new staff can find it', 'according to the approved timeline', 'with links to the source documents',
  'unless the deadline changes', 'and keeps a copy in the archive', 'to meet the reporting requirements',
];
const FILLERS = [
  'carefully', 'promptly', 'also', 'usually', 'formally', 'quietly', 'jointly', 'regularly', 'still', 'now',
];
const HEADINGS = [
  'Background', 'Scope', 'Roles and responsibilities', 'Timeline', 'Budget', 'Risks', 'Open questions', 'Decisions',
  'Next steps', 'Contacts', 'Lessons learned', 'Reporting', 'Training', 'Procurement', 'Accessibility', 'Privacy',
];
export const REPLACEMENT_WORDS = [
  'revised', 'current', 'updated', 'final', 'approved', 'draft', 'shared', 'annual', 'monthly', 'regional', 'national',
  'internal', 'external', 'complete', 'interim', 'official',
];

const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);

/** One sentence, capitalised and ending with a full stop: 5 to 20 words. */
export function sentence(random: Prng): string {
  const parts = [random.pick(SUBJECTS)];
  if (random.chance(0.3)) parts.push(random.pick(FILLERS));
  parts.push(random.pick(VERBS), random.pick(OBJECTS));
  if (random.chance(0.55)) parts.push(random.pick(TAILS));
  return `${capitalise(parts.join(' '))}.`;
}

export function heading(random: Prng): string {
  const base = random.pick(HEADINGS);
  return random.chance(0.4) ? `${base} for phase ${random.int(2, 9)}` : base;
}
