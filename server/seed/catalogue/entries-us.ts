// Seed catalogue: United States (federal and New York City).
import { entry, type CatalogueSeedEntry } from './entries-common.js';

export const usEntries: CatalogueSeedEntry[] = [
  entry({
    title: 'Intellipedia',
    slug: 'Intellipedia',
    lang: 'en',
    fields: {
      summary: 'Three wikis, on classified and unclassified networks, where people across the US intelligence community write and share intelligence together.',
      organisation: 'Office of the Director of National Intelligence',
      country: 'US',
      level: 'national',
      kind: 'internal-wiki',
      tools: ['MediaWiki'],
      year: 2006,
      languages: ['en'],
      tags: ['wiki', 'intelligence', 'classified networks', 'information sharing'],
    },
    sections: [
      [
        'What it is',
        'Intellipedia runs on MediaWiki on three separate networks: JWICS for Top Secret information, SIPRNet for Secret, and an unclassified network for Sensitive But Unclassified information. It is used by people with the right clearances in the agencies of the intelligence community and other national security organisations, and is not open to the public. Unlike Wikipedia, it encourages contributors to record their own points of view, whatever their rank.',
      ],
      [
        'How it went',
        'It grew from a 2004 paper by CIA officer Calvin Andrus, “The Wiki and the Blog: Toward a Complex Adaptive Intelligence Community”. A first version was built at the Defense Intelligence Agency; it was piloted in late 2005 and formally announced in April 2006 as a project of the Office of the Director of National Intelligence.',
      ],
    ],
    sources: [{ text: 'Intellipedia (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Intellipedia' }],
  }),
  entry({
    title: 'A-Space',
    slug: 'A-Space',
    lang: 'en',
    fields: {
      summary: 'A classified social networking and shared workspace for analysts across the US intelligence community, launched in September 2008.',
      organisation: 'Office of the Director of National Intelligence',
      country: 'US',
      level: 'national',
      kind: 'internal-social-network',
      year: 2008,
      languages: ['en'],
      tags: ['social network', 'intelligence', 'analysts', 'shared workspace'],
    },
    sections: [
      [
        'What it is',
        'A-Space (Analytic Space) gave analysts from the intelligence agencies a shared, tightly secured workspace with profiles, shared documents and conversations, so that they could think out loud with peers in other agencies. It was sponsored by the Office of the Director of National Intelligence and built by a team at the Defense Intelligence Agency.',
      ],
      [
        'How it went',
        'It launched on 22 September 2008 as a one-year pilot and was moved to operational status in 2009, when several agencies made it the official workspace for their analysts. Its project manager described the difference from Intellipedia this way: Intellipedia holds finished, encyclopaedic knowledge, while A-Space is where ideas are worked out in conversation.',
      ],
    ],
    sources: [
      { text: 'A-Space (Wikipedia)', url: 'https://en.wikipedia.org/wiki/A-Space' },
      { text: 'GCN: A-Space melds social media and intelligence gathering (2009)', url: 'https://gcn.com/Articles/2009/11/30/A-Space-DIA-intell-sharing-wiki.aspx?Page=1' },
    ],
  }),
  entry({
    title: 'GovLoop',
    slug: 'GovLoop',
    lang: 'en',
    fields: {
      summary: 'An online community where people from all levels of government share ideas, questions and practices, founded in 2008 by a federal employee.',
      organisation: 'GovLoop',
      country: 'US',
      kind: 'internal-social-network',
      year: 2008,
      languages: ['en'],
      tags: ['social network', 'community of practice', 'public servants', 'knowledge sharing'],
      website: 'https://www.govloop.com',
    },
    sections: [
      [
        'What it is',
        'GovLoop is a social network and knowledge site for people working in and with government. Members from federal, state and local government write blogs, start discussions, post events and ask peers how others have solved the same problem.',
      ],
      [
        'How it went',
        'Steve Ressler, a federal employee and co-founder of the group Young Government Leaders, launched it on Memorial Day 2008 as a side project, to about 20 friends. It passed 10,000 members in April 2009. About a year and a half after the launch, Ressler teamed up with the company GovDelivery so that he could work on GovLoop full time.',
      ],
    ],
    sources: [
      { text: 'FCW: Steve Ressler, virtual community organizer (2009)', url: 'https://fcw.com/Articles/2009/03/23/Steve-Ressler--Virtual-community-organizer.aspx' },
      { text: 'GovLoop: GovLoop graduation to full-time', url: 'https://govloop.com/govloop-graduation-to-full-time' },
      { text: 'Federal News Network: GovLoop’s 10K members (2009)', url: 'https://federalnewsnetwork.com/technology-main/2009/04/dorobekinsidercom-steve-ressler-mdash-govlooprsquos-10k-manhellip-and-counting/' },
    ],
  }),
  entry({
    title: 'Data.gov',
    slug: 'Data-gov',
    lang: 'en',
    fields: {
      summary: "The US federal government's open data catalogue, launched in May 2009 and run by the General Services Administration.",
      organisation: 'U.S. General Services Administration',
      country: 'US',
      level: 'national',
      kind: 'open-data',
      tools: ['CKAN'],
      year: 2009,
      languages: ['en'],
      tags: ['open data', 'catalogue', 'federal agencies'],
      website: 'https://data.gov',
    },
    sections: [
      [
        'What it is',
        'Data.gov lists data sets published by federal agencies, and by many state and local governments, with links to download or query them. Its catalogue runs on CKAN, the open source data portal software.',
      ],
      [
        'How it went',
        'It was launched in May 2009 by Vivek Kundra, then Federal Chief Information Officer, as part of the Obama administration’s open government agenda.',
      ],
    ],
    sources: [
      { text: 'Data.gov (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Data.gov' },
      { text: 'Data.gov', url: 'https://data.gov' },
    ],
  }),
  entry({
    title: 'Challenge.gov',
    slug: 'Challenge-gov',
    lang: 'en',
    fields: {
      summary: "The US government's platform for prize competitions in which federal agencies invite the public to solve problems they set.",
      organisation: 'U.S. General Services Administration',
      country: 'US',
      level: 'national',
      kind: 'challenge',
      year: 2010,
      languages: ['en'],
      tags: ['prize competitions', 'challenges', 'open innovation'],
      website: 'https://www.challenge.gov',
    },
    sections: [
      [
        'What it is',
        'Agencies post challenges, from ideas and designs to software and scientific solutions, with prizes for the best entries; anyone eligible can take part.',
      ],
      [
        'How it went',
        'The General Services Administration launched the site in 2010. The America COMPETES Reauthorization Act of 2010 then gave every federal agency general authority to run prize competitions.',
      ],
    ],
    sources: [
      { text: 'Challenge.gov', url: 'https://www.challenge.gov' },
      { text: 'America COMPETES Act (Wikipedia)', url: 'https://en.wikipedia.org/wiki/America_COMPETES_Act' },
    ],
  }),
  entry({
    title: 'We the People (White House petitions)',
    slug: 'We-the-People',
    lang: 'en',
    fields: {
      summary: 'The White House online petition site launched in 2011: petitions that reached a signature threshold within 30 days were promised an official response.',
      organisation: 'The White House',
      country: 'US',
      level: 'national',
      kind: 'citizen-engagement',
      tools: ['Drupal'],
      year: 2011,
      status: 'ended',
      languages: ['en'],
      tags: ['e-petitions', 'response threshold', 'executive branch'],
    },
    sections: [
      [
        'What it is',
        'Anyone could create a petition; once it gathered enough signatures within 30 days, the White House committed to review it and publish a response. The threshold started at 5,000 signatures and was raised to 25,000 and then, in January 2013, to 100,000.',
      ],
      [
        'How it went',
        'The site launched in September 2011. Its petition application was built on Drupal and released as open source. It later inspired similar sites elsewhere, such as South Korea’s National Petition to the Blue House. The site is no longer in operation.',
      ],
    ],
    sources: [
      { text: 'We the People (petitioning system) (Wikipedia)', url: 'https://en.wikipedia.org/wiki/We_the_People_(petitioning_system)' },
      { text: 'The petition application’s source code (GitHub)', url: 'https://github.com/WhiteHouse/petition' },
    ],
  }),
  entry({
    title: 'NYC Open Data',
    slug: 'NYC-Open-Data',
    lang: 'en',
    fields: {
      summary: "New York City's open data portal, backed by the city's Open Data Law (Local Law 11 of 2012), which requires agencies to publish their public data.",
      organisation: 'City of New York',
      country: 'US',
      region: 'New York City, New York',
      level: 'municipal',
      kind: 'open-data',
      tools: ['Socrata'],
      languages: ['en'],
      tags: ['open data', 'open data law', 'city', 'APIs'],
      website: 'https://opendata.cityofnewyork.us',
    },
    sections: [
      [
        'What it is',
        'The portal publishes data from city agencies, such as 311 service requests and restaurant inspection results, for download and through APIs. It runs on the Socrata platform.',
      ],
      [
        'How it went',
        'Local Law 11 of 2012, known as the Open Data Law, requires city agencies to make their public data sets available on a single web portal, on a published schedule.',
      ],
    ],
    sources: [{ text: 'NYC Open Data', url: 'https://opendata.cityofnewyork.us' }],
  }),
  entry({
    title: 'Participatory Budgeting in New York City',
    slug: 'Participatory-Budgeting-NYC',
    lang: 'en',
    fields: {
      summary: "A yearly process, begun in 2011, in which New Yorkers propose and vote on capital projects paid for from their council member's discretionary funds.",
      organisation: 'New York City Council',
      country: 'US',
      region: 'New York City, New York',
      level: 'municipal',
      kind: 'citizen-engagement',
      year: 2011,
      languages: ['en'],
      tags: ['participatory budgeting', 'voting', 'capital projects', 'neighbourhoods'],
      website: 'https://council.nyc.gov/pb/',
    },
    sections: [
      [
        'What it is',
        'Council members who take part set aside part of the capital funds they allocate. Residents of the district suggest ideas, volunteer delegates work them into proposals with city agencies, and residents vote on which proposals are funded.',
      ],
      [
        'How it went',
        'It began in the 2011–2012 cycle in four council districts, drawing on the participatory budgeting that began in Porto Alegre, Brazil, and has since been taken up by many more districts.',
      ],
    ],
    sources: [
      { text: 'New York City Council: Participatory Budgeting', url: 'https://council.nyc.gov/pb/' },
      { text: 'Participatory budgeting (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Participatory_budgeting' },
    ],
  }),
];
