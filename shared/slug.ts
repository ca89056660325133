// Slug rules: readable in English and French, accents folded, case kept for display but not for identity
// ("Plan-de-justification" and "plan-de-justification" are one page).
import slugify from 'slugify';

export const SLUG_MAX_LENGTH = 100;
const SLUG_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Derives a slug from a title: "Plan de justification — Été 2026" → "Plan-de-justification-Ete-2026". */
export function slugFromTitle(title: string): string {
  const folded = slugify(title.normalize('NFKC'), {
    replacement: '-',
    lower: false,
    strict: true,
    trim: true,
  });
  const collapsed = folded.replace(/-+/g, '-').replace(/^-|-$/g, '');
  return truncateSlug(collapsed) || 'Page';
}

function truncateSlug(slug: string): string {
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  const cut = slug.slice(0, SLUG_MAX_LENGTH);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > SLUG_MAX_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/** Returns a reason the slug is unusable, or null when it is fine. */
export function slugProblem(slug: string): string | null {
  if (slug.length === 0) return 'The address is empty.';
  if (slug.length > SLUG_MAX_LENGTH) return `The address is longer than ${SLUG_MAX_LENGTH} characters.`;
  if (!SLUG_PATTERN.test(slug)) {
    return 'An address may use only unaccented letters, digits and single hyphens, and must start and end with a letter or digit.';
  }
  if (slug.includes('--')) return 'An address may not contain two hyphens in a row.';
  return null;
}

/** The identity of a slug: two slugs that differ only in case name the same page. */
export function slugKey(slug: string): string {
  return slug.toLowerCase();
}
