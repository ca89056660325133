// The structured fields of a Gov 2.0 catalogue entry: their names, allowed values and limits, shared by the
// entry form in the browser, the server that stores and indexes them, and the seed catalogue.
// An entry's name is the page title. Where the fields live in the Y.Doc is entryDoc.ts.

export const LEVELS = ['national', 'provincial', 'municipal', 'international'] as const;
export type Level = (typeof LEVELS)[number];

export const KINDS = [
  'internal-wiki',
  'internal-social-network',
  'open-data',
  'crowdsourcing',
  'citizen-engagement',
  'challenge',
  'blog',
  'open-source',
  'other',
] as const;
export type Kind = (typeof KINDS)[number];

export const STATUSES = ['active', 'ended'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * ISO 3166-1 alpha-2 codes, plus EU (reserved for the European Union, whose institutions run initiatives of
 * their own). Names come from Intl.DisplayNames in the reader's language.
 */
export const COUNTRIES: readonly string[] = Object.freeze(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET EU FI FJ FK FM ' +
    'FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT ' +
    'JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN ' +
    'MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT ' +
    'PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL ' +
    'TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** Languages an initiative can be offered in (ISO 639-1; iu Inuktitut, mi Māori). Names via Intl.DisplayNames. */
export const LANGUAGES: readonly string[] = Object.freeze(
  'en fr sv nl de es it pt da fi nb nn is et lv lt pl cs sk hu ro bg el hr sl mt ga cy eu ca gl ja ko zh ar he ru uk tr iu mi'.split(' '),
);

/** Earliest year an initiative may be given as launched; the latest is next year. */
export const MIN_YEAR = 1970;

export const LIMITS = {
  region: 100,
  organisation: 200,
  contact: 300,
  summary: 300,
  website: 2048,
  /** Tools and tags are typed as comma-separated lists. */
  toolsText: 600,
  tool: 60,
  tools: 20,
  tagsText: 600,
  tag: 40,
  tags: 30,
  languages: 20,
} as const;

/** A catalogue entry's fields after validation: a value that failed its rule is absent (null or empty). */
export interface EntryFields {
  /** ISO 3166-1 alpha-2 (upper case) or EU. */
  country: string | null;
  /** Province, state, city…: free text. */
  region: string;
  level: Level | null;
  organisation: string;
  kind: Kind | null;
  /** Tools and platform, e.g. ["MediaWiki"]. */
  tools: string[];
  year: number | null;
  status: Status | null;
  /** ISO 639-1 codes of the languages the initiative works in. */
  languages: string[];
  tags: string[];
  /** An http(s) URL. */
  website: string | null;
  /** Whom to call: a name, role, address or page. Free text. */
  contact: string;
  /** One line. */
  summary: string;
}

export type EntryFieldName = keyof EntryFields;

export const ENTRY_FIELD_NAMES: readonly EntryFieldName[] = Object.freeze([
  'summary',
  'organisation',
  'country',
  'region',
  'level',
  'kind',
  'tools',
  'year',
  'status',
  'languages',
  'tags',
  'website',
  'contact',
] as const);

/**
 * Fields co-edited character by character: each is a top-level Y.Text named `entry.<field>` (see entryDoc.ts).
 * Tools and tags are edited as comma-separated text and read as lists.
 */
export const TEXT_FIELDS = ['summary', 'organisation', 'region', 'tools', 'tags', 'website', 'contact'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Fields chosen from a list or typed as a number: plain values in the Y.Map `entry`, last writer wins. */
export const CHOICE_FIELDS = ['country', 'level', 'kind', 'year', 'status', 'languages'] as const;
export type ChoiceField = (typeof CHOICE_FIELDS)[number];

/** The facets the catalogue filters by (query parameter names of /catalogue and GET /api/v1/catalogue). */
export const FACETS = ['level', 'kind', 'country', 'year', 'status', 'language', 'tag'] as const;
export type Facet = (typeof FACETS)[number];

export function emptyEntry(): EntryFields {
  return {
    country: null,
    region: '',
    level: null,
    organisation: '',
    kind: null,
    tools: [],
    year: null,
    status: null,
    languages: [],
    tags: [],
    website: null,
    contact: '',
    summary: '',
  };
}

/**
 * Why a field's value was refused, as a message key of the `catalogue.problem.` family with its parameters,
 * so the form and the server word it the same way in either language.
 */
export interface EntryProblem {
  field: EntryFieldName;
  code: 'tooLong' | 'notAUrl' | 'unknownCountry' | 'unknownChoice' | 'unknownLanguage' | 'notAYear' | 'yearRange' | 'tooMany' | 'itemTooLong';
  params?: Record<string, string | number>;
}
