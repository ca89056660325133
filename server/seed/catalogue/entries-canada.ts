// Seed catalogue: Canada (federal, Quebec, cities). Three entries are written in French.
import { entry, type CatalogueSeedEntry } from './entries-common.js';

export const canadaEntries: CatalogueSeedEntry[] = [
  entry({
    title: 'GCpedia',
    slug: 'GCpedia',
    lang: 'en',
    fields: {
      summary: "The Government of Canada's internal wiki, where federal public servants write and share working knowledge across departments, in English and French.",
      organisation: 'Treasury Board of Canada Secretariat',
      country: 'CA',
      level: 'national',
      kind: 'internal-wiki',
      tools: ['MediaWiki'],
      year: 2008,
      languages: ['en', 'fr'],
      tags: ['wiki', 'knowledge sharing', 'collaboration', 'bilingual', 'GCTools'],
    },
    sections: [
      [
        'What it is',
        'GCpedia is a wiki for the federal public service of Canada, built on MediaWiki, the software behind Wikipedia. It can be reached only from the Government of Canada network. Public servants use it to share working knowledge, write documents together and describe their teams and projects, in either official language.',
        'It is run by the GCTools team at the Treasury Board of Canada Secretariat, which also runs GCconnex, the public service’s internal social network, and GCcollab.',
      ],
      [
        'How it went',
        'GCpedia was launched in 2008. With Intellipedia in the United States, it is one of the examples most often cited of a wiki open to a whole public service rather than to a single team.',
      ],
    ],
    sources: [
      { text: 'GCpedia (Wikipedia)', url: 'https://en.wikipedia.org/wiki/GCpedia' },
      { text: 'GCconnex (Wikipedia), on the GCTools team', url: 'https://en.wikipedia.org/wiki/GCconnex' },
    ],
  }),
  entry({
    title: 'GCconnex',
    slug: 'GCconnex',
    lang: 'en',
    fields: {
      summary: "The Government of Canada's internal professional networking platform, where public servants keep profiles, join groups and collaborate across departments.",
      organisation: 'Treasury Board of Canada Secretariat',
      country: 'CA',
      level: 'national',
      kind: 'internal-social-network',
      tools: ['Elgg'],
      year: 2009,
      languages: ['en', 'fr'],
      tags: ['social network', 'groups', 'profiles', 'collaboration', 'GCTools'],
    },
    sections: [
      [
        'What it is',
        'GCconnex is an internal social network for federal public servants. It can be reached only from the Government of Canada network, and registering needs a government email address. Members describe their work, interests and skills in a profile, join open or private groups, write blogs, share links and files, and post short messages on The Wire, a feature similar to Twitter.',
        'It runs on Elgg, an open source social networking engine.',
      ],
      [
        'How it went',
        'GCconnex was established in January 2009 and is managed by the GCTools team at the Treasury Board of Canada Secretariat, which also manages GCpedia. According to its Wikipedia article, it had about 106,000 registered users from 174 federal departments and agencies in January 2017.',
      ],
    ],
    sources: [
      { text: 'GCconnex (Wikipedia)', url: 'https://en.wikipedia.org/wiki/GCconnex' },
      { text: 'GCconnex support: which software does GCconnex run on?', url: 'https://gcconnex.gctools-outilsgc.ca/en/support/solutions/articles/2100027147-which-software-does-gcconnex-run-on-' },
    ],
  }),
  entry({
    title: 'GCcollab',
    slug: 'GCcollab',
    lang: 'en',
    fields: {
      summary: 'A Government of Canada collaboration platform that opens GCconnex-style profiles and groups to academics, students and public servants of other governments.',
      organisation: 'Treasury Board of Canada Secretariat',
      country: 'CA',
      level: 'national',
      kind: 'internal-social-network',
      tools: ['Elgg'],
      year: 2016,
      languages: ['en', 'fr'],
      tags: ['social network', 'academia', 'partners', 'groups', 'GCTools'],
    },
    sections: [
      [
        'What it is',
        'GCcollab runs on the same Elgg software as GCconnex but is open beyond the federal public service: academics, students and public servants of provincial and territorial governments can register, and others can join by invitation. As on GCconnex, its backbone is groups, open or private, where members discuss, ask questions, ask for feedback and share documents instead of sending long email chains.',
      ],
      [
        'How it went',
        'It was piloted in September 2016 with a handful of universities and colleges. Within a month it was opened to academics and students at all universities and colleges, and then to provincial and territorial public servants.',
      ],
    ],
    sources: [
      { text: 'University Affairs: Feds launch networking site for academics, students and public servants', url: 'https://universityaffairs.ca/news/networking-site-academics-public-servants/' },
      { text: 'GCconnex support: which software does GCconnex run on? (mentions GCcollab)', url: 'https://gcconnex.gctools-outilsgc.ca/en/support/solutions/articles/2100027147-which-software-does-gcconnex-run-on-' },
    ],
  }),
  entry({
    title: 'Portail du gouvernement ouvert du Canada',
    slug: 'Gouvernement-ouvert-Canada',
    lang: 'fr',
    fields: {
      summary: 'Le portail fédéral qui réunit les données ouvertes, l’information ouverte et les consultations du gouvernement du Canada, en français et en anglais.',
      organisation: 'Secrétariat du Conseil du Trésor du Canada',
      country: 'CA',
      level: 'national',
      kind: 'open-data',
      tools: ['CKAN'],
      year: 2011,
      languages: ['fr', 'en'],
      tags: ['données ouvertes', 'gouvernement ouvert', 'licence ouverte', 'bilingue'],
      website: 'https://ouvert.canada.ca',
    },
    sections: [
      [
        'De quoi s’agit-il',
        'Le portail ouvert.canada.ca (open.canada.ca en anglais) rassemble les jeux de données et les publications des ministères et organismes fédéraux. Les données y sont diffusées sous la Licence du gouvernement ouvert – Canada, qui en permet la réutilisation, y compris commerciale, à condition d’en mentionner la source.',
        'Le catalogue repose sur CKAN, un logiciel libre de portail de données ; l’extension propre au Canada est publiée en code source ouvert.',
      ],
      [
        'Déroulement',
        'Le 17 mars 2011, le président du Conseil du Trésor a lancé le projet pilote data.gc.ca, prévu pour douze mois, avec les données de dix ministères et organismes. Le Canada a adhéré au Partenariat pour un gouvernement ouvert en 2012. En juin 2013, le portail a été relancé avec davantage de données, une meilleure recherche et la nouvelle Licence du gouvernement ouvert ; il est devenu depuis le portail du gouvernement ouvert.',
      ],
    ],
    sources: [
      { text: 'Portail du gouvernement ouvert', url: 'https://ouvert.canada.ca' },
      { text: 'Secrétariat du Conseil du Trésor : annonce du portail de données ouvertes, 17 mars 2011 (en anglais)', url: 'http://www.tbs-sct.gc.ca/media/ps-dp/2011/0317-eng.asp' },
      { text: 'Gouvernement ouvert : bienvenue au nouveau data.gc.ca, 2013 (en anglais)', url: 'https://open.canada.ca/en/blog/welcome' },
      { text: 'Gouvernement ouvert : consultation sur le plan d’action 2.0 (adhésion au PGO en 2012, en anglais)', url: 'https://open.canada.ca/en/content/consultation-plan-discussion-action-plan-20-discussions' },
      { text: 'ckanext-canada : l’extension CKAN du portail (GitHub)', url: 'https://github.com/open-data/ckanext-canada' },
    ],
  }),
  entry({
    title: 'Données ouvertes de la Ville de Montréal',
    slug: 'Donnees-ouvertes-Montreal',
    lang: 'fr',
    fields: {
      summary: 'Le portail de données ouvertes de la Ville de Montréal, encadré par une politique qui engage tous les services centraux et les arrondissements.',
      organisation: 'Ville de Montréal',
      country: 'CA',
      region: 'Montréal, Québec',
      level: 'municipal',
      kind: 'open-data',
      languages: ['fr'],
      tags: ['données ouvertes', 'ville', 'politique de données ouvertes', 'mobilisation citoyenne'],
      website: 'https://donnees.montreal.ca',
    },
    sections: [
      [
        'De quoi s’agit-il',
        'La Ville publie ses données en formats ouverts sur donnees.montreal.ca, pour que toute personne puisse y accéder et les réutiliser. Sa politique de données ouvertes s’applique à toutes ses unités administratives, services centraux et arrondissements compris.',
      ],
      [
        'Déroulement',
        'La Ville s’est engagée en 2011 dans l’ouverture de ses données, notamment sous l’impulsion du groupe citoyen Montréal Ouvert, puis s’est dotée d’une politique officielle en 2012. Sa première publication portait sur 13 thèmes, dont les entraves à la circulation, les comptages sur les pistes cyclables et les résultats électoraux de 2009 ; des applications citoyennes comme Patiner Montréal s’en sont servies.',
      ],
      [
        'Enseignements',
        'À Montréal, l’ouverture des données est venue d’une demande citoyenne (hackathons, applications bénévoles) autant que de l’administration : un exemple de collaboration entre la société civile et une ville.',
      ],
    ],
    sources: [
      { text: 'Ville de Montréal : Notre démarche (politique de données ouvertes)', url: 'https://donnees.montreal.ca/fr/pages/notre-demarche' },
      { text: 'Le Devoir : Montréal, métropole ouverte', url: 'https://www.ledevoir.com/politique/montreal/334665/montreal-metropole-ouverte' },
      { text: 'Montréal Ouvert : nouvelles', url: 'https://montrealouvert.net/fr/category/nouvelles/' },
    ],
  }),
  entry({
    title: 'Données Québec',
    slug: 'Donnees-Quebec',
    lang: 'fr',
    fields: {
      summary: 'Le portail commun de données ouvertes du gouvernement du Québec et d’organisations publiques québécoises, dont des municipalités, en ligne depuis avril 2016.',
      organisation: 'Gouvernement du Québec et organisations partenaires',
      country: 'CA',
      region: 'Québec',
      level: 'provincial',
      kind: 'open-data',
      year: 2016,
      languages: ['fr'],
      tags: ['données ouvertes', 'portail partagé', 'municipalités', 'normes de métadonnées'],
      website: 'https://www.donneesquebec.ca',
    },
    sections: [
      [
        'De quoi s’agit-il',
        'Données Québec réunit sur un même site les jeux de données ouvertes de plusieurs organisations publiques. Chaque diffuseur reste responsable de ses données, mais tous suivent des lignes directrices communes inspirées des normes internationales : Dublin Core, DCAT et la classification des fonctions des administrations publiques (COFOG).',
      ],
      [
        'Déroulement',
        'Le portail a été mis en ligne en avril 2016. Ses lignes directrices de diffusion, rédigées en collaboration par les organisations partenaires, s’appliquent aux jeux de données publiés depuis cette date.',
      ],
    ],
    sources: [
      { text: 'Données Québec : Lignes directrices sur la diffusion de données ouvertes', url: 'https://www.donneesquebec.ca/fr/lignes-directrices-sur-la-diffusion-de-donnees-ouvertes/' },
    ],
  }),
  entry({
    title: 'City of Toronto Open Data',
    slug: 'Toronto-Open-Data',
    lang: 'en',
    fields: {
      summary: "The City of Toronto's open data portal, launched in November 2009 and rebuilt in house on CKAN from 2018.",
      organisation: 'City of Toronto',
      country: 'CA',
      region: 'Toronto, Ontario',
      level: 'municipal',
      kind: 'open-data',
      tools: ['CKAN'],
      year: 2009,
      languages: ['en'],
      tags: ['open data', 'city', 'open data policy', 'APIs'],
      website: 'https://open.toronto.ca',
    },
    sections: [
      [
        'What it is',
        'Toronto publishes city data sets, from licensed child care centres and apartment inspections to maps, on open.toronto.ca for anyone to use and republish.',
      ],
      [
        'How it went',
        'Mayor David Miller announced the plan at the Mesh conference in spring 2009 and launched the data catalogue on 2 November 2009; an independent community site where people could request and vote on new data sets launched the same day. The city adopted an open data policy in 2012. A new portal developed in house, running on CKAN, replaced the first catalogue from 2018, adding data previews, visualisations and APIs.',
      ],
    ],
    sources: [
      { text: 'City of Toronto Open Data: About', url: 'https://open.toronto.ca/about/' },
      { text: 'IT World Canada: Toronto starts thinking like the Web', url: 'https://www.itworldcanada.com/article/toronto-starts-thinking-like-the-web/40436' },
    ],
  }),
  entry({
    title: 'City of Vancouver Open Data',
    slug: 'Vancouver-Open-Data',
    lang: 'en',
    fields: {
      summary: "Vancouver's open data catalogue, which followed a 2009 council motion endorsing open data, open standards and open source software.",
      organisation: 'City of Vancouver',
      country: 'CA',
      region: 'Vancouver, British Columbia',
      level: 'municipal',
      kind: 'open-data',
      year: 2009,
      languages: ['en'],
      tags: ['open data', 'open standards', 'open source', 'council motion'],
      website: 'https://opendata.vancouver.ca',
    },
    sections: [
      [
        'What it is',
        'On 21 May 2009 Vancouver City Council passed a motion, moved by Councillor Andrea Reimer, endorsing three principles: share as much city data as possible while respecting privacy and security; adopt open standards for data, documents and maps; and put open source software on an equal footing with commercial systems when buying software.',
      ],
      [
        'How it went',
        'The city opened its first open data catalogue in September 2009, starting mostly with geographic data such as the locations of schools, parks and fire halls, under a permissive licence. The motion was also published as a template that other cities could adapt.',
      ],
    ],
    sources: [
      { text: 'CBC News: City of Vancouver embraces open data, standards and source', url: 'https://www.cbc.ca/news/technology/city-of-vancouver-embraces-open-data-standards-and-source-1.838987' },
      { text: 'Raise the Hammer: Vancouver Establishes Open Data Catalogue', url: 'https://raisethehammer.org/article/948/vancouver_establishes_open_data_catalogue' },
    ],
  }),
];
