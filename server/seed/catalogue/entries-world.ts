// Seed catalogue: Taiwan, Brazil, South Korea, Australia, Kenya and international organisations.
import { entry, type CatalogueSeedEntry } from './entries-common.js';

export const worldEntries: CatalogueSeedEntry[] = [
  entry({
    title: 'vTaiwan',
    slug: 'vTaiwan',
    lang: 'en',
    fields: {
      summary: 'An open consultation process in which Taiwan’s government, the g0v civic tech community and the public deliberate on digital-economy regulation, using tools such as Pol.is.',
      organisation: 'g0v civic tech community, with the Taiwanese government',
      country: 'TW',
      level: 'national',
      kind: 'crowdsourcing',
      tools: ['Pol.is'],
      languages: ['zh'],
      tags: ['deliberation', 'consensus', 'regulation', 'civic tech'],
      website: 'https://vtaiwan.tw',
    },
    sections: [
      [
        'What it is',
        'vTaiwan brings citizens, experts, companies and officials together to discuss draft regulation, mostly on internet-related issues. Online, participants react to each other’s statements in Pol.is, which maps where opinions cluster and which statements win agreement across groups; meetings with stakeholders are streamed live and transcribed.',
      ],
      [
        'How it went',
        'It is run by volunteers from g0v (“gov zero”), a decentralised civic tech community, working with the government. Its best-known case concerned Uber in 2015: four weeks of discussion on Pol.is set the agenda for a live-streamed meeting of Uber, taxi drivers and ministries, co-facilitated by minister Jaclyn Tsai. Recommendations with broad support emerged, and the government later adopted regulations in line with them.',
      ],
    ],
    sources: [
      { text: 'Centre for Public Impact: Building consensus and compromise on Uber in Taiwan', url: 'https://www.centreforpublicimpact.org/case-study/building-consensus-compromise-uber-taiwan/' },
      { text: 'vTaiwan', url: 'https://vtaiwan.tw' },
    ],
  }),
  entry({
    title: 'Join (Public Policy Online Participation Platform)',
    slug: 'Join-Taiwan',
    lang: 'en',
    fields: {
      summary: 'Taiwan’s national online participation platform, run since 2015 by the National Development Council: a proposal with 5,000 supporters in 60 days gets a formal answer.',
      organisation: 'National Development Council',
      country: 'TW',
      level: 'national',
      kind: 'citizen-engagement',
      year: 2015,
      languages: ['zh'],
      tags: ['e-petitions', 'consultation', 'policy proposals', 'response threshold'],
      website: 'https://join.gov.tw',
    },
    sections: [
      [
        'What it is',
        'Citizens and permanent residents can propose policy ideas on join.gov.tw. A proposal that gathers 5,000 supporting signatures within 60 days is accepted, and the responsible agency must answer it on the platform. Agencies also consult the public there on major policies and draft regulations, and people can follow the progress of government programmes.',
      ],
      [
        'How it went',
        'The National Development Council launched the platform on 10 February 2015, taking the White House’s We the People site as one of its references. The Executive Yuan set out the rules for online participation in public policy in July 2015.',
      ],
    ],
    sources: [
      { text: 'National Development Council: Directions for Implementing Online Participation in Public Policy', url: 'https://theme.ndc.gov.tw/lawout/EngLawContent.aspx?lan=E&id=62' },
      { text: 'Taipei Times: Petition urges abolition of Web petition system (2017)', url: 'https://www.taipeitimes.com/News/taiwan/archives/2017/11/04/2003681638' },
    ],
  }),
  entry({
    title: 'Participatory budgeting in Porto Alegre',
    slug: 'Porto-Alegre-participatory-budgeting',
    lang: 'en',
    fields: {
      summary: 'Porto Alegre’s participatory budget, begun in 1989: residents meet in district and thematic assemblies to set priorities for the city’s investments.',
      organisation: 'City of Porto Alegre',
      country: 'BR',
      region: 'Porto Alegre, Rio Grande do Sul',
      level: 'municipal',
      kind: 'citizen-engagement',
      year: 1989,
      languages: ['pt'],
      tags: ['participatory budgeting', 'public assemblies', 'investment priorities'],
    },
    sections: [
      [
        'What it is',
        'Residents take part in public assemblies in each region of the city and in thematic assemblies, set priorities for public investment, and elect delegates and councillors who work out the budget with the city administration.',
      ],
      [
        'How it went',
        'The process was started in 1989 by the city administration of the Workers’ Party (PT). It became the best-known example of participatory budgeting, and cities around the world, among them New York and Paris, have since run processes of their own.',
      ],
    ],
    sources: [{ text: 'Participatory budgeting (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Participatory_budgeting' }],
  }),
  entry({
    title: 'Marco Civil da Internet public consultation',
    slug: 'Marco-Civil-consultation',
    lang: 'en',
    fields: {
      summary: 'Brazil drafted its internet bill of rights through an open online consultation in 2009–2010; the law was enacted in 2014 as Law 12.965.',
      organisation: 'Ministry of Justice of Brazil, with the Getulio Vargas Foundation (FGV)',
      country: 'BR',
      level: 'national',
      kind: 'crowdsourcing',
      year: 2009,
      status: 'ended',
      languages: ['pt'],
      tags: ['collaborative lawmaking', 'internet rights', 'net neutrality', 'consultation'],
    },
    sections: [
      [
        'What it is',
        'Instead of drafting the bill behind closed doors, the Ministry of Justice published first a set of principles and then a draft text online, and invited anyone to comment on each part. Contributions from citizens, companies and organisations shaped the bill that went to Congress.',
      ],
      [
        'How it went',
        'The consultation ran in two phases from late 2009 into 2010. After years of debate in Congress, President Dilma Rousseff signed the Marco Civil da Internet (Law 12.965) in April 2014. It sets out rights for internet users in Brazil, including net neutrality and privacy.',
      ],
    ],
    sources: [{ text: 'Marco Civil da Internet (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Marco_Civil_da_Internet' }],
  }),
  entry({
    title: 'National Petition to the Blue House',
    slug: 'Blue-House-National-Petition',
    lang: 'en',
    fields: {
      summary: 'South Korea’s presidential online petition site (2017–2022): officials answered every petition that gathered 200,000 signatures within 30 days.',
      organisation: 'Office of the President of South Korea (Cheong Wa Dae)',
      country: 'KR',
      level: 'national',
      kind: 'citizen-engagement',
      year: 2017,
      status: 'ended',
      languages: ['ko'],
      tags: ['e-petitions', 'response threshold', 'presidential office'],
    },
    sections: [
      [
        'What it is',
        'Anyone could post a petition, and others could sign it using a social media account. When a petition gathered more than 200,000 signatures within 30 days, the presidential office or the responsible ministry gave an official response.',
      ],
      [
        'How it went',
        'The site opened on 19 August 2017, President Moon Jae-in’s 100th day in office, on the model of the White House’s We the People. By February 2022 it had received about 1.11 million petitions, of which 286 passed 200,000 signatures. It closed on 9 May 2022, at the end of Moon’s term.',
      ],
    ],
    sources: [
      { text: 'National Petition to the Blue House (Wikipedia)', url: 'https://en.wikipedia.org/wiki/National_Petition_to_the_Blue_House' },
      { text: 'The Korea Times: Cheong Wa Dae’s public petition platform to shut down (2022)', url: 'https://mm.koreatimes.co.kr/www/nation/2022/08/356_328711.html' },
    ],
  }),
  entry({
    title: 'Government 2.0 Taskforce (Australia)',
    slug: 'Gov-2-0-Taskforce',
    lang: 'en',
    fields: {
      summary: 'An Australian Government taskforce (June–December 2009), chaired by Nicholas Gruen, that worked in the open and recommended how government should use Web 2.0.',
      organisation: 'Australian Government (Department of Finance and Deregulation)',
      country: 'AU',
      level: 'national',
      kind: 'other',
      year: 2009,
      status: 'ended',
      languages: ['en'],
      tags: ['Government 2.0', 'open government', 'public sector information', 'Creative Commons'],
    },
    sections: [
      [
        'What it is',
        'Appointed by the Minister for Finance and Deregulation, Lindsay Tanner, and the Special Minister of State, Joe Ludwig, the 15-member taskforce advised on using Web 2.0 to make government more open, consultative and participatory. It worked the way it recommended: it discussed its ideas on a public blog as they developed, and funded small projects to demonstrate them, among them the first GovHack.',
      ],
      [
        'How it went',
        'Its report, “Engage: Getting on with Government 2.0”, was delivered on 22 December 2009. It rested on three pillars: leadership, engagement, and open access to public sector information. In its response of 3 May 2010 the government generally agreed to 12 of the 13 recommendations, including a declaration of open government and Creative Commons BY as the default licence for government information.',
      ],
    ],
    sources: [
      { text: 'Department of Finance: Engage: Getting on with Government 2.0', url: 'http://www.finance.gov.au/publications/gov20taskforcereport/' },
      { text: 'Government 2.0 Taskforce website (archived)', url: 'http://www.gov2.net.au/' },
    ],
  }),
  entry({
    title: 'GovHack',
    slug: 'GovHack',
    lang: 'en',
    fields: {
      summary: 'An open data hackathon first run in Canberra in 2009 as part of the Government 2.0 Taskforce’s work, where teams build prototypes from government data.',
      organisation: 'GovHack (volunteer-run)',
      country: 'AU',
      level: 'national',
      kind: 'challenge',
      year: 2009,
      languages: ['en'],
      tags: ['hackathon', 'open data', 'competition'],
      website: 'https://govhack.org',
    },
    sections: [
      [
        'What it is',
        'Over a weekend, teams of developers, designers, data specialists and public servants use open government data to build prototypes and compete for prizes offered by government agencies and sponsors.',
      ],
      [
        'How it went',
        'The first GovHack weekend was held in Canberra in 2009 with the Government 2.0 Taskforce. Over 100 people came from around the country, and the taskforce’s chair described it as the first government-run event of its kind in the world. GovHack has since been held in many cities.',
      ],
    ],
    sources: [
      { text: 'Department of Finance: Engage: Getting on with Government 2.0 (letter from the chair)', url: 'http://www.finance.gov.au/publications/gov20taskforcereport/' },
      { text: 'GovHack', url: 'https://govhack.org' },
    ],
  }),
  entry({
    title: 'Ushahidi',
    slug: 'Ushahidi',
    lang: 'en',
    fields: {
      summary: 'Open source software for gathering and mapping reports sent by text message, web or email, created in Kenya in 2008 to document post-election violence.',
      organisation: 'Ushahidi (non-profit)',
      country: 'KE',
      kind: 'crowdsourcing',
      tools: ['Ushahidi'],
      year: 2008,
      tags: ['crowdmapping', 'crisis mapping', 'SMS', 'open source'],
      website: 'https://www.ushahidi.com',
    },
    sections: [
      [
        'What it is',
        'Ushahidi (“testimony” in Swahili) lets people send reports by SMS, web or email; the reports are checked and placed on a map, so that responders can see what is happening where.',
      ],
      [
        'How it went',
        'Kenyan bloggers and technologists built it in early 2008 to document violence after the disputed December 2007 election. The software was released as open source and has since been used by humanitarian organisations, governments and citizens in many crises, such as the 2010 Haiti earthquake.',
      ],
    ],
    sources: [{ text: 'Ushahidi (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Ushahidi' }],
  }),
  entry({
    title: 'Open Government Partnership',
    slug: 'Open-Government-Partnership',
    lang: 'en',
    fields: {
      summary: 'A partnership launched in 2011 in which national and local governments co-create open government action plans with civil society and are independently assessed.',
      organisation: 'Open Government Partnership',
      level: 'international',
      kind: 'other',
      year: 2011,
      tags: ['open government', 'action plans', 'civil society', 'transparency'],
      website: 'https://www.opengovpartnership.org',
    },
    sections: [
      [
        'What it is',
        'Members endorse the Open Government Declaration and regularly co-create action plans of concrete commitments with civil society; an Independent Reporting Mechanism reviews how the plans are designed and carried out. Local governments can join as well as national ones.',
      ],
      [
        'How it went',
        'It was launched on 20 September 2011 by eight founding governments: Brazil, Indonesia, Mexico, Norway, the Philippines, South Africa, the United Kingdom and the United States. Many more countries, including Canada, have joined since.',
      ],
    ],
    sources: [{ text: 'Open Government Partnership (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Open_Government_Partnership' }],
  }),
  entry({
    title: 'World Bank Open Data',
    slug: 'World-Bank-Open-Data',
    lang: 'en',
    fields: {
      summary: 'Free and open access to the World Bank’s development data, including the World Development Indicators, since 2010.',
      organisation: 'World Bank',
      level: 'international',
      kind: 'open-data',
      year: 2010,
      tags: ['development data', 'indicators', 'API', 'open data'],
      website: 'https://data.worldbank.org',
    },
    sections: [
      [
        'What it is',
        'data.worldbank.org offers indicators on countries’ economies, populations, health, education and environment, free to download and through an API.',
      ],
      [
        'How it went',
        'In 2010 the World Bank opened its data to everyone free of charge, starting with the World Development Indicators, which until then had been sold by subscription.',
      ],
    ],
    sources: [{ text: 'World Bank Open Data', url: 'https://data.worldbank.org' }],
  }),
];
