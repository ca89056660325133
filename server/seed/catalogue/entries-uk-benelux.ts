// Seed catalogue: United Kingdom, the Netherlands and Belgium. The Dutch and Flemish entries are written in Dutch.
import { entry, type CatalogueSeedEntry } from './entries-common.js';

export const ukBeneluxEntries: CatalogueSeedEntry[] = [
  entry({
    title: 'One Team Gov',
    slug: 'One-Team-Gov',
    lang: 'en',
    fields: {
      summary: 'A volunteer movement of public servants reforming government through practical action across policy, digital and delivery, begun in London in 2017.',
      organisation: 'One Team Gov (volunteer community)',
      country: 'GB',
      level: 'national',
      kind: 'other',
      year: 2017,
      languages: ['en'],
      tags: ['community', 'unconference', 'public sector reform', 'working in the open', 'principles'],
      website: 'https://oneteamgov.com',
    },
    sections: [
      [
        'What it is',
        'One Team Gov is a community, open to anyone who cares about public sector reform, that tries to break down the walls between policy, digital and service delivery. It works to seven principles: work in the open and positively; take practical action; experiment and iterate; be diverse and inclusive; care deeply about citizens; work across borders; and embrace technology.',
      ],
      [
        'How it went',
        'Kit Collingwood and James Reeve organised the first One Team Government event in London on 29 June 2017, and 186 people came. The community drafted its principles from that day, then ran regular breakfast meetups, more unconferences around the UK and, on 16 July 2018, a global unconference in London. Groups have since formed in other countries, among them Sweden and Norway.',
      ],
      [
        'Lessons',
        'The movement stresses “micro-actions”: small steps anyone can take, such as meeting someone from another profession or sharing something they wrote, which add up to wider change without waiting for a big plan.',
      ],
    ],
    sources: [
      { text: 'Kit Collingwood: What is One Team Government? (2017)', url: 'https://medium.com/@kcollingwood/what-is-one-team-government-962089d6375f' },
      { text: 'One Team Gov: Principles and Code of Conduct', url: 'https://oneteamgov.com/about-us/principles/' },
      { text: 'OECD Observatory of Public Sector Innovation: OneTeamGov', url: 'https://www.oecd-opsi.org/innovations/oneteamgov/' },
    ],
  }),
  entry({
    title: 'data.gov.uk',
    slug: 'data-gov-uk',
    lang: 'en',
    fields: {
      summary: "The UK government's portal for finding data published by central government, local authorities and other public bodies, launched in January 2010.",
      organisation: 'Government Digital Service',
      country: 'GB',
      level: 'national',
      kind: 'open-data',
      tools: ['CKAN'],
      year: 2010,
      languages: ['en'],
      tags: ['open data', 'catalogue', 'Open Government Licence'],
      website: 'https://www.data.gov.uk',
    },
    sections: [
      [
        'What it is',
        'data.gov.uk lists data sets from UK public sector organisations with links to the data itself. Much of it is published under the Open Government Licence, which allows re-use with attribution.',
      ],
      [
        'How it went',
        'It was launched in January 2010, after a public beta, with Sir Tim Berners-Lee and Professor Nigel Shadbolt advising the government on opening up public data. It was one of the first large sites to run on CKAN, the open source data portal software.',
      ],
    ],
    sources: [{ text: 'data.gov.uk (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Data.gov.uk' }],
  }),
  entry({
    title: 'GOV.UK blogs',
    slug: 'GOV-UK-blogs',
    lang: 'en',
    fields: {
      summary: 'A shared blogging platform on which UK government departments, agencies and teams write in the open about their work.',
      organisation: 'Government Digital Service',
      country: 'GB',
      level: 'national',
      kind: 'blog',
      tools: ['WordPress'],
      year: 2013,
      languages: ['en'],
      tags: ['blogging', 'working in the open', 'digital government'],
      website: 'https://www.blog.gov.uk',
    },
    sections: [
      [
        'What it is',
        'blog.gov.uk hosts the blogs of many departments, agencies and teams, from the Government Digital Service’s own blog to blogs on data, design, user research and policy. Teams use them to explain what they are building and why, share what they learned, and invite comments.',
      ],
      [
        'How it went',
        'The Government Digital Service launched the platform in April 2013 to give central government one place to blog as departmental websites moved to GOV.UK. It is a WordPress multisite, built and hosted for GDS by the company dxw. Blogs are owned by departments, which must commit to posting regularly.',
        'Writing publicly about work in progress became a habit of UK digital teams. It follows one of the government design principles: “Make things open: it makes things better.”',
      ],
    ],
    sources: [
      { text: 'GOV.UK blogs', url: 'https://www.blog.gov.uk' },
      { text: 'Inside GOV.UK: Getting a GOV.UK blog (2013)', url: 'https://insidegovuk.blog.gov.uk/2013/05/24/gov-uk-blogs-how-to-get-one/' },
      { text: 'dxw: Improving the GOV.UK blogging platform (2016)', url: 'https://www.dxw.com/2016/12/improving-the-gov-uk-blogging-platform/' },
      { text: 'Government design principles', url: 'https://www.gov.uk/guidance/government-design-principles' },
    ],
  }),
  entry({
    title: 'Government Digital Service: coding in the open',
    slug: 'GDS-coding-in-the-open',
    lang: 'en',
    fields: {
      summary: 'The UK Government Digital Service builds GOV.UK and its other products in public on GitHub, and asks every government service to make new source code open.',
      organisation: 'Government Digital Service',
      country: 'GB',
      level: 'national',
      kind: 'open-source',
      tools: ['GitHub'],
      year: 2011,
      languages: ['en'],
      tags: ['open source', 'coding in the open', 'GOV.UK', 'Service Standard'],
      website: 'https://github.com/alphagov',
    },
    sections: [
      [
        'What it is',
        'The Government Digital Service (GDS) publishes the source code of GOV.UK and its other products in the alphagov organisation on GitHub. The government’s Service Standard asks teams to make new source code open, so that others can reuse it and learn from it.',
      ],
      [
        'How it went',
        'GDS was set up in 2011 in the Cabinet Office. In October 2012 it launched GOV.UK, the single website for the UK government, which replaced Directgov and Business Link.',
      ],
    ],
    sources: [
      { text: 'Government Digital Service (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Government_Digital_Service' },
      { text: 'Service Standard, point 12: Make new source code open', url: 'https://www.gov.uk/service-manual/service-standard/point-12-make-new-source-code-open' },
    ],
  }),
  entry({
    title: 'FixMyStreet',
    slug: 'FixMyStreet',
    lang: 'en',
    fields: {
      summary: 'A website where people report local problems such as potholes or broken street lights, which are sent to the council responsible; run by mySociety since 2007.',
      organisation: 'mySociety',
      country: 'GB',
      level: 'municipal',
      kind: 'citizen-engagement',
      tools: ['FixMyStreet Platform'],
      year: 2007,
      languages: ['en'],
      tags: ['problem reporting', 'local government', 'civic tech', 'open source'],
      website: 'https://www.fixmystreet.com',
    },
    sections: [
      [
        'What it is',
        'A user puts a pin on a map, describes the problem and can add a photo. FixMyStreet sends the report to the council responsible and publishes it, so that neighbours can see it and follow updates.',
      ],
      [
        'How it went',
        'The charity mySociety launched it in February 2007. Its code is open source as the FixMyStreet Platform, which councils and groups in other countries have reused for their own sites.',
      ],
    ],
    sources: [
      { text: 'FixMyStreet (Wikipedia)', url: 'https://en.wikipedia.org/wiki/FixMyStreet' },
      { text: 'FixMyStreet Platform source code (GitHub)', url: 'https://github.com/mysociety/fixmystreet' },
    ],
  }),
  entry({
    title: 'UK Parliament petitions',
    slug: 'UK-Parliament-petitions',
    lang: 'en',
    fields: {
      summary: 'The joint petitions site of the UK Government and House of Commons: 10,000 signatures bring a government response, 100,000 are considered for a debate.',
      organisation: 'House of Commons and UK Government',
      country: 'GB',
      level: 'national',
      kind: 'citizen-engagement',
      year: 2015,
      languages: ['en'],
      tags: ['e-petitions', 'parliament', 'response threshold'],
      website: 'https://petition.parliament.uk',
    },
    sections: [
      [
        'What it is',
        'British citizens and UK residents can start or sign a petition. Petitions that reach 10,000 signatures get a written response from the government; those that reach 100,000 are considered for a debate in Parliament.',
      ],
      [
        'How it went',
        'The current site opened in 2015, run jointly by the House of Commons and the government, together with a new Petitions Committee of MPs that looks at petitions and decides which ones to debate. It replaced an earlier e-petitions site run by the government alone.',
      ],
    ],
    sources: [{ text: 'UK Parliament petitions: How petitions work', url: 'https://petition.parliament.uk/help' }],
  }),
  entry({
    title: 'Ambtenaar 2.0',
    slug: 'Ambtenaar-2-0',
    lang: 'nl',
    fields: {
      summary: 'Nederlands netwerk van ambtenaren en burgers over wat web 2.0 betekent voor de overheid, in 2008 opgericht door Davied van Berlo.',
      organisation: 'Ambtenaar 2.0 (netwerk; tot 2014 ook een programma bij de rijksoverheid)',
      country: 'NL',
      level: 'national',
      kind: 'internal-social-network',
      year: 2008,
      languages: ['nl'],
      tags: ['netwerk', 'ambtenaren', 'web 2.0', 'kennisdeling', 'Pleio'],
    },
    sections: [
      [
        'Wat het is',
        'Ambtenaar 2.0 is een netwerk en platform van ambtenaren en burgers die de gevolgen van web 2.0 voor de overheid onderzoeken, daarover het gesprek aangaan en elkaar helpen om als ‘ambtenaar 2.0’ te werken: open, over organisatiegrenzen heen en met gebruik van nieuwe media.',
      ],
      [
        'Hoe het ging',
        'Davied van Berlo, toen werkzaam bij het ministerie van Landbouw, Natuur en Voedselkwaliteit (LNV), begon in maart 2008 met Ambtenaar 2.0; in juni 2008 volgde het netwerk en op 4 december 2008 zijn boek Ambtenaar 2.0. Het initiatief werd al snel interdepartementaal en trok ook medewerkers van lagere overheden. Het groeide uit tot een netwerk van ongeveer 10.000 leden, met een jaarlijkse Ambtenaar 2.0-dag.',
        'Ambtenaar 2.0 werd een officieel programma, eerst bij LNV en later bij het ministerie van Binnenlandse Zaken. Dat programma stopte in 2014, maar het netwerk ging door, los van de overheid. Uit de discussies op Ambtenaar 2.0 ontstond ook Pleio, het samenwerkingsplatform van de overheid.',
      ],
    ],
    sources: [
      { text: 'iBestuur: Die nieuwe ambtenaar kómt er', url: 'https://ibestuur.nl/artikel/die-nieuwe-ambtenaar-komt-er/' },
      { text: 'iBestuur: “Het nétwerk blijft bestaan, ook als wij weg zijn”', url: 'https://ibestuur.nl/artikel/het-netwerk-blijft-bestaan-ook-als-wij-weg-zijn/' },
      { text: 'Ambtenaar 2.0: Teksten en uitleg (oprichtingsdata)', url: 'http://ambtenaar20.pbworks.com/w/page/35073738/Teksten' },
    ],
  }),
  entry({
    title: 'Pleio',
    slug: 'Pleio',
    lang: 'nl',
    fields: {
      summary: 'Samenwerkingsplatform van, voor en door de overheid (‘Plein Overheid’), sinds oktober 2010 online en gebouwd op de opensourcesoftware Elgg.',
      organisation: 'Pleio (overheidsbreed samenwerkingsverband)',
      country: 'NL',
      level: 'national',
      kind: 'internal-social-network',
      tools: ['Elgg'],
      year: 2010,
      languages: ['nl'],
      tags: ['samenwerken', 'sociaal intranet', 'open source', 'deelsites'],
      website: 'https://www.pleio.nl',
    },
    sections: [
      [
        'Wat het is',
        'Pleio is een online platform voor samenwerking binnen en tussen overheidsorganisaties, en met burgers en ondernemers. Iedereen neemt individueel een account en kan groepen openen als online vergaderzaal; organisaties kunnen een eigen deelsite openen, bijvoorbeeld als intranet of voor interbestuurlijke samenwerking.',
      ],
      [
        'Hoe het ging',
        'Pleio werd opgericht door Davied van Berlo van het programma Ambtenaar 2.0 en medewerkers van de Belastingdienst, onder meer als opvolger van BDplaza, het interne platform van de Belastingdienst. Na blogs en discussies op Ambtenaar 2.0 werd Elgg gekozen als basis. Pleio ging in oktober 2010 online en telde enkele jaren later rond de 60.000 gebruikers, bijna 6.000 groepen en 700 sites.',
      ],
    ],
    sources: [
      { text: 'Pleio: Vragen en antwoorden over de besturing en financiering van Pleio', url: 'https://www.pleio.nl/pages/view/52391/vragen-en-antwoorden-over-de-besturing-en-financiering-van-pleio' },
      { text: 'iBestuur: Pleio, verzamelaar of verbinder?', url: 'https://ibestuur.nl/artikel/pleio-verzamelaar-of-verbinder/' },
    ],
  }),
  entry({
    title: 'data.overheid.nl',
    slug: 'data-overheid-nl',
    lang: 'nl',
    fields: {
      summary: 'Het nationale portaal voor open data van de Nederlandse overheid, beheerd door KOOP in opdracht van het ministerie van Binnenlandse Zaken.',
      organisation: 'KOOP, in opdracht van het ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
      country: 'NL',
      level: 'national',
      kind: 'open-data',
      tools: ['CKAN'],
      languages: ['nl', 'en'],
      tags: ['open data', 'DCAT', 'dataverzoek', 'hergebruik'],
      website: 'https://data.overheid.nl',
    },
    sections: [
      [
        'Wat het is',
        'Op data.overheid.nl staan de open datasets van Nederlandse overheidsorganisaties; meer dan 150 organisaties publiceren er. Datasets worden via CKAN gepubliceerd en beschreven met de metadatastandaard DCAT. Wie data zoekt die (nog) niet open is, kan een dataverzoek indienen.',
      ],
      [
        'Hoe het ging',
        'Het portaal hoort bij het open-overheidsbeleid, met ‘open, tenzij’ als uitgangspunt voor overheidsinformatie. Het team stelt eisen aan elke dataset, zoals werkende links, een bekende eigenaar en duidelijke licentie-informatie.',
      ],
    ],
    sources: [
      { text: 'data.overheid.nl: About data.overheid.nl', url: 'https://data.overheid.nl/en/ondersteuning/algemeen/over-dataoverheidnl' },
      { text: 'KOOP: Data.overheid.nl', url: 'https://www.koopoverheid.nl/open-data--linked-data/data.overheid.nl' },
    ],
  }),
  entry({
    title: 'Internetconsultatie.nl',
    slug: 'Internetconsultatie',
    lang: 'nl',
    fields: {
      summary: 'Website waarop iedereen kan reageren op wet- en regelgeving die het kabinet voorbereidt; gestart als experiment in 2009, structureel sinds 2011.',
      organisation: 'Rijksoverheid (beheer: KOOP)',
      country: 'NL',
      level: 'national',
      kind: 'citizen-engagement',
      year: 2009,
      languages: ['nl'],
      tags: ['consultatie', 'wetgeving', 'inspraak', 'transparantie'],
      website: 'https://www.internetconsultatie.nl',
    },
    sections: [
      [
        'Wat het is',
        'Ministeries publiceren concepten van wetten, algemene maatregelen van bestuur en ministeriële regelingen op internetconsultatie.nl. Burgers, bedrijven en organisaties kunnen binnen een termijn reageren; de reacties worden in principe openbaar gemaakt en het ministerie publiceert een verslag van wat ermee is gedaan.',
      ],
      [
        'Hoe het ging',
        'In juni 2009 begon een rijksbreed experiment van twee jaar. Tot 1 juli 2011 werden 105 voorstellen geconsulteerd, met in totaal 4.993 reacties. In juni 2011 besloot het kabinet internetconsultatie vaker en structureel in te zetten, vooral bij regelgeving die veel verandert voor burgers, bedrijven en instellingen.',
      ],
      [
        'Lessen',
        'Een evaluatie voor het WODC (2016) liet zien dat vooral hoger opgeleiden reageren en dat vaak onvoldoende zichtbaar is wat er met de reacties gebeurt. Terugkoppeling aan de insprekers werd daarom een doel.',
      ],
    ],
    sources: [
      { text: 'Rijksoverheid: Internetconsultatie vaker inzetten (2011)', url: 'https://www.rijksoverheid.nl/actueel/nieuws/2011/06/17/internetconsultatie-vaker-inzetten' },
      { text: 'Parlement.com: Internetconsultatie', url: 'https://www.parlement.com/id/vl1lcy62bpvw' },
      { text: 'KOOP: Internetconsultatie', url: 'https://www.koopoverheid.nl/officiele-overheidspublicaties/wet--en-regelgeving/internetconsultatie' },
    ],
  }),
  entry({
    title: 'G1000',
    slug: 'G1000',
    lang: 'nl',
    fields: {
      summary: 'Burgertop in Brussel op 11 november 2011, waar via loting gekozen burgers overlegden over de toekomst van België; nu een organisatie voor democratische vernieuwing.',
      organisation: 'G1000 (burgerinitiatief, later een vzw)',
      country: 'BE',
      level: 'national',
      kind: 'citizen-engagement',
      year: 2011,
      languages: ['nl', 'fr'],
      tags: ['loting', 'burgertop', 'deliberatie', 'democratische vernieuwing'],
      website: 'https://www.g1000.org',
    },
    sections: [
      [
        'Wat het is',
        'Op 11 juni 2011, na een jaar zonder federale regering, publiceerden 27 burgers een opiniestuk in de grote kranten: breng duizend via loting gekozen burgers samen om aanbevelingen voor de politiek te formuleren. Duizenden mensen steunden het idee met hun handtekening, giften en vrijwilligerswerk. Het initiatief werd onder meer gedragen door de schrijver David Van Reybrouck.',
      ],
      [
        'Hoe het ging',
        'Op 11 november 2011 kwamen ruim 700 gelote burgers samen op Tour & Taxis in Brussel. Aan tafels van tien, met een gespreksleider, bespraken ze drie thema’s: de sociale zekerheid, de verdeling van de welvaart in tijden van crisis, en immigratie. Een panel van 32 burgers werkte de aanbevelingen daarna verder uit.',
      ],
      [
        'Lessen',
        'G1000 werd een blijvende organisatie. Ze ontwierp onder meer het model van permanente burgerdialoog dat het parlement van de Duitstalige Gemeenschap in 2019 aannam.',
      ],
    ],
    sources: [
      { text: 'G1000: L’histoire de G1000', url: 'https://www.g1000.org/fr/about/story' },
      { text: 'VRT NWS: 704 citoyens au G1000 à Tour et Taxis (2011)', url: 'https://www.vrt.be/vrtnws/fr/2011/11/11/704_citoyens_au_g1000atourettaxis-1-1152601/' },
    ],
  }),
  entry({
    title: 'Permanent Citizens’ Dialogue in East Belgium (Ostbelgien Model)',
    slug: 'Ostbelgien-Model',
    lang: 'en',
    fields: {
      summary: "The German-speaking Community of Belgium's permanent citizens' council and citizens' assemblies drawn by lot, set up by decree in 2019.",
      organisation: 'Parliament of the German-speaking Community of Belgium',
      country: 'BE',
      region: 'German-speaking Community of Belgium',
      level: 'provincial',
      kind: 'citizen-engagement',
      year: 2019,
      languages: ['de'],
      tags: ['sortition', 'citizens’ assembly', 'deliberation', 'institutionalised participation'],
      website: 'https://www.buergerdialog.be',
    },
    sections: [
      [
        'What it is',
        'A permanent Citizens’ Council (Bürgerrat) of 24 people drawn by lot chooses the topics. For each topic a Citizens’ Assembly (Bürgerversammlung), also drawn by lot, hears experts, deliberates over several sessions and makes recommendations, which the parliament and government must then answer and follow up.',
      ],
      [
        'How it went',
        'The parliament held a one-off citizens’ dialogue on childcare in autumn 2017 as a pilot. In 2018 it worked with G1000 and Belgian and international experts on a permanent model, and in February 2019 it unanimously passed the decree introducing the permanent citizens’ dialogue. Work began in September 2019; assemblies have since dealt with topics such as health care, housing, inclusive education and digital skills.',
      ],
    ],
    sources: [
      { text: 'Bürgerdialog: Beweggründe und Entstehungsgeschichte', url: 'https://www.buergerdialog.be/hintergrund/beweggruende-und-entstehungsgeschichte' },
      { text: 'G1000: Ständiger Bürgerdialog in Ostbelgien', url: 'https://www.g1000.org/de/cases/staendiger-buergerdialog-ostbelgien' },
      { text: 'VRT NWS: Deutschsprachige Gemeinschaft richtet ständigen Bürgerdialog ein (2019)', url: 'https://www.vrt.be/vrtnws/de/2019/02/26/premiere-in-europa-deutschsprachige-gemeinschaft-in-ostbelgien/' },
    ],
  }),
];
