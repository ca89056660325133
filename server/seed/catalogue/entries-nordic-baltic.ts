// Seed catalogue: Sweden, Finland, Iceland and Estonia. The Swedish entries, and Finland's bilingual citizens'
// initiative service, are written in Swedish.
import { entry, type CatalogueSeedEntry } from './entries-common.js';

export const nordicBalticEntries: CatalogueSeedEntry[] = [
  entry({
    title: 'One Team Gov Sverige',
    slug: 'One-Team-Gov-Sverige',
    lang: 'sv',
    fields: {
      summary: 'Den svenska grenen av One Team Gov: en informell gräsrotsrörelse som vill förnya offentlig sektor genom öppenhet, experiment och praktisk handling.',
      organisation: 'One Team Gov Sverige (informellt nätverk)',
      country: 'SE',
      level: 'national',
      kind: 'other',
      year: 2018,
      languages: ['sv'],
      tags: ['gräsrotsrörelse', 'offentlig sektor', 'digitalisering', 'principer', 'meetup'],
      website: 'https://oneteamgov.se',
    },
    sections: [
      [
        'Vad det är',
        'One Team Gov Sverige samlar människor som arbetar med policyutveckling, öppen förvaltning, behovsdriven utveckling och digitalisering i offentlig sektor, över professions- och organisationsgränser. Nätverket utgår från One Team Govs sju principer, översatta till svenska, till exempel att arbeta öppet och positivt, att göra saker i praktiken och att experimentera och iterera.',
      ],
      [
        'Hur det gick',
        'Rörelsen startade i Storbritannien 2017. I januari 2018 frågade Adrian Solitander, handläggare på Vinnova, på Linkedin om det fanns intresse för en svensk gren, och under våren 2018 växte One Team Gov Sverige fram, med träffar som ordnas via Meetup. Regionala grupper har också bildats, till exempel One Team Gov Västsverige, som Västra Götalandsregionens nätverk för digital offentlig sektor gick över till 2018.',
      ],
    ],
    sources: [
      { text: 'ESV: Gräsrötter vill skynda på digitaliseringen i offentlig sektor (2018)', url: 'https://www.esv.se/press/nyheter/2018/grasrotter-vill-skynda-pa-digitaliseringen-i-offentlig-sektor/' },
      { text: 'Computer Sweden: One Team Gov och offentlig sektor', url: 'https://computersweden.idg.se/2.2683/1.700439/one-team-gov-offentlig-sektor' },
      { text: 'One Team Gov Sverige: Våra principer', url: 'https://oneteamgov.se/v%C3%A5ra-principer.html' },
      { text: 'VGR-bloggen: One Team Gov Västsverige (2018)', url: 'https://vgrblogg.se/utveckling/2018/03/12/one-team-gov-vastsverige/' },
    ],
  }),
  entry({
    title: 'Sveriges dataportal',
    slug: 'Sveriges-dataportal',
    lang: 'sv',
    fields: {
      summary: 'Den nationella portalen där offentliga och privata organisationer synliggör sina datamängder och API:er; förvaltas av Myndigheten för digital förvaltning (DIGG).',
      organisation: 'Myndigheten för digital förvaltning (DIGG)',
      country: 'SE',
      level: 'national',
      kind: 'open-data',
      languages: ['sv'],
      tags: ['öppna data', 'metadata', 'API:er', 'DCAT-AP'],
      website: 'https://www.dataportal.se',
    },
    sections: [
      [
        'Vad det är',
        'Sveriges dataportal visar information om datamängder (metadata) från statliga myndigheter, regioner, kommuner, offentliga bolag och andra organisationer. Själva data hämtas hos den organisation som ansvarar för dem. Portalen samlar också API:er, begrepp och specifikationer.',
      ],
      [
        'Hur det gick',
        'Riksarkivet hade från den 1 juli 2016 regeringens uppdrag att främja öppna data från statliga myndigheter och förvaltade den tidigare nationella portalen oppnadata.se. Uppdraget gick över till DIGG när myndigheten inledde sitt arbete den 1 september 2018, och DIGG har sedan byggt ut den nya Sveriges dataportal.',
      ],
    ],
    sources: [
      { text: 'Sveriges dataportal: Om oss', url: 'https://www.dataportal.se/sv/om-oss' },
      { text: 'DIGG: Sveriges dataportal', url: 'https://www.digg.se/utveckling-av-digital-forvaltning/sveriges-dataportal' },
      { text: 'Öppnadata.se: Riksarkivet har lämnat slutrapport över regeringsuppdraget kring öppna data', url: 'https://oppnadata.se/bloggen/page/2/' },
    ],
  }),
  entry({
    title: 'Riksdagens öppna data',
    slug: 'Riksdagens-oppna-data',
    lang: 'sv',
    fields: {
      summary: 'Sveriges riksdag delar sedan 2010 sina dokument, voteringar, anföranden och uppgifter om ledamöter som öppna data, via API och nedladdningsbara dataset.',
      organisation: 'Sveriges riksdag (Riksdagsförvaltningen)',
      country: 'SE',
      level: 'national',
      kind: 'open-data',
      year: 2010,
      languages: ['sv'],
      tags: ['öppna data', 'API', 'parlament', 'offentlighetsprincipen'],
      website: 'https://data.riksdagen.se',
      contact: 'riksdagsinformation@riksdagen.se',
    },
    sections: [
      [
        'Vad det är',
        'Riksdagens öppna data består av ett API, dataset och rapporter med bland annat betänkanden, motioner och protokoll, voteringsresultat, anföranden i kammaren och uppgifter om ledamöterna. Data finns i format som XML, JSON och CSV och får användas fritt, även kommersiellt, med riksdagen angiven som källa.',
      ],
      [
        'Hur det gick',
        'Riksdagen har publicerat data på nätet sedan 1993 och öppnade 2010 sina databaser för alla som vill använda dem. Samma år beslutade riksdagen lagen (2010:566) om vidareutnyttjande av handlingar från den offentliga förvaltningen, som genomför EU:s PSI-direktiv. Utvecklare, journalister och forskare bygger egna tjänster och statistik på datan.',
      ],
    ],
    sources: [
      { text: 'The Riksdag’s open data (engelska)', url: 'https://data.riksdagen.se/in-english/' },
      { text: 'Riksdagens öppna data: Vanliga frågor', url: 'https://data.riksdagen.se/hjalp-och-stod/vanliga-fragor/' },
      { text: 'Internetstiftelsen: Riksdagens diarium snart som öppna data (2017)', url: 'https://www.iis.se/blogg/oppna-data/riksdagens-diarium-snart-som-oppna-data/' },
    ],
  }),
  entry({
    title: 'Medborgarinitiativ.fi (Kansalaisaloite.fi)',
    slug: 'Medborgarinitiativ-fi',
    lang: 'sv',
    fields: {
      summary: 'Justitieministeriets webbtjänst där finländska väljare väcker och stöder medborgarinitiativ; 50 000 stödförklaringar på sex månader tar ett förslag till riksdagen.',
      organisation: 'Justitieministeriet (Finland)',
      country: 'FI',
      level: 'national',
      kind: 'citizen-engagement',
      year: 2012,
      languages: ['fi', 'sv'],
      tags: ['medborgarinitiativ', 'lagstiftning', 'e-underskrifter', 'stark autentisering'],
      website: 'https://www.kansalaisaloite.fi/sv',
    },
    sections: [
      [
        'Vad det är',
        'Enligt Finlands grundlag har minst 50 000 röstberättigade finska medborgare rätt att lägga fram ett initiativ för riksdagen om att en lag ska stiftas. Initiativet kan innehålla ett färdigt lagförslag eller ett förslag om att lagberedning ska inledas, och stödförklaringarna ska samlas in inom sex månader, på papper eller på nätet.',
      ],
      [
        'Hur det gick',
        'Lagen om medborgarinitiativ trädde i kraft den 1 mars 2012, och justitieministeriets avgiftsfria webbtjänst togs i bruk mot slutet av samma år. Den som stöder ett initiativ på nätet identifierar sig med stark autentisering, till exempel nätbankskoder eller mobilcertifikat. Tjänsten finns på finska och svenska. Ett av de mest kända initiativen, om en könsneutral äktenskapslag, godkändes av riksdagen 2014.',
      ],
    ],
    sources: [
      { text: 'Justitieministeriet: Medborgarinitiativ är ett nytt påverkningsmedel (2012)', url: 'https://oikeusministerio.fi/-/medborgarinitiativ-ar-ett-nytt-paverkningsmedel' },
      { text: 'Medborgarinitiativ.fi', url: 'https://www.kansalaisaloite.fi/sv' },
    ],
  }),
  entry({
    title: 'Better Reykjavík',
    slug: 'Better-Reykjavik',
    lang: 'en',
    fields: {
      summary: 'Reykjavík’s online platform where residents propose, debate and vote on ideas for their city and neighbourhoods, run with the non-profit Citizens Foundation.',
      organisation: 'City of Reykjavík, with the Citizens Foundation',
      country: 'IS',
      region: 'Reykjavík',
      level: 'municipal',
      kind: 'crowdsourcing',
      tools: ['Your Priorities'],
      languages: ['is', 'en'],
      tags: ['ideas', 'participatory budgeting', 'e-democracy', 'neighbourhoods'],
      website: 'https://betrireykjavik.is',
    },
    sections: [
      [
        'What it is',
        'Residents post ideas for improving the city, argue for and against them, and vote. The city also runs participatory budgeting, now called My Neighbourhood (Hverfið mitt): residents submit ideas for their district, city staff check them against the rules and estimate their cost, and residents then vote online on which ones to build.',
      ],
      [
        'How it went',
        'The participatory budgeting process, first called Better Neighbourhoods, began in 2012; the Citizens Foundation reports that residents approved 420 ideas between 2012 and 2015, from benches and footpaths to playgrounds and better lighting. The city now holds the process every two years, with 850 million krónur shared between its ten districts each time.',
      ],
    ],
    sources: [
      { text: 'Citizens Foundation: Better Neighbourhoods', url: 'http://www.citizens.is/portfolio/better-neighborhoods-helps-citizens-understand-the-realities-of-budgeting/' },
      { text: 'City of Reykjavík: Participatory democracy', url: 'https://reykjavik.is/en/participatory-democracy' },
      { text: 'UNECE Forum of Mayors: Listen to the people', url: 'https://forumofmayors.unece.org/good-practices/listen-people' },
    ],
  }),
  entry({
    title: 'Iceland’s crowdsourced constitution (Constitutional Council, 2011)',
    slug: 'Iceland-crowdsourced-constitution',
    lang: 'en',
    fields: {
      summary: 'In 2011 a council of 25 citizens drafted a new constitution for Iceland in the open, taking the public’s comments through social media; Parliament did not adopt it.',
      organisation: 'Constitutional Council of Iceland (Stjórnlagaráð)',
      country: 'IS',
      level: 'national',
      kind: 'crowdsourcing',
      year: 2011,
      status: 'ended',
      languages: ['is'],
      tags: ['constitution', 'social media', 'crowdsourcing', 'referendum'],
    },
    sections: [
      [
        'What it is',
        'After the 2008 financial crash, Iceland set out to revise its constitution with wide public involvement. A council of 25 members drafted the text from April to July 2011, posting drafts online as it went and inviting comments on its website and through Facebook, Twitter, YouTube and Flickr. Its meetings were broadcast live.',
      ],
      [
        'How it went',
        'The council delivered its draft to Parliament (the Althing) at the end of July 2011. In a non-binding referendum on 20 October 2012, about two-thirds of voters said the draft should be the basis of a new constitution, but Parliament has not ratified it.',
      ],
      [
        'Lessons',
        'The process drew worldwide attention as an example of public participation in drafting. Its outcome shows that an openly written text still depends on the body that has the power to enact it.',
      ],
    ],
    sources: [
      { text: 'CNET: Icelanders “like” their crowdsourced constitution (2012)', url: 'https://www.cnet.com/tech/services-and-software/icelanders-like-their-crowdsourced-constitution/' },
      { text: '2012 Icelandic constitutional referendum (Wikipedia)', url: 'https://en.wikipedia.org/wiki/2012_Icelandic_constitutional_referendum' },
    ],
  }),
  entry({
    title: 'X-Road',
    slug: 'X-Road',
    lang: 'en',
    fields: {
      summary: 'Estonia’s open source data exchange layer, in use since 2001, through which public and private information systems exchange data securely.',
      organisation: 'Nordic Institute for Interoperability Solutions (NIIS); created by the Estonian government',
      country: 'EE',
      level: 'national',
      kind: 'open-source',
      tools: ['X-Road'],
      year: 2001,
      tags: ['interoperability', 'data exchange', 'e-government', 'once only'],
      website: 'https://x-road.global',
    },
    sections: [
      [
        'What it is',
        'X-Road connects the information systems of Estonian public agencies and other organisations so that they can query each other over the internet, with messages signed and logged. It lets a service use data the state already holds instead of asking people for it again.',
      ],
      [
        'How it went',
        'Estonia launched X-Road in 2001. Finland adopted it for its own national data exchange layer, and in 2017 the two countries founded the Nordic Institute for Interoperability Solutions (NIIS) to develop it together. The code is open source and has been taken up in other countries.',
      ],
    ],
    sources: [
      { text: 'X-Road (Wikipedia)', url: 'https://en.wikipedia.org/wiki/X-Road' },
      { text: 'X-Road source code (GitHub)', url: 'https://github.com/nordic-institute/X-Road' },
    ],
  }),
];
