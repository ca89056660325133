// Seed catalogue: France (written in French), Spain and the European Union.
import { entry, type CatalogueSeedEntry } from './entries-common.js';

export const franceSpainEuEntries: CatalogueSeedEntry[] = [
  entry({
    title: 'data.gouv.fr',
    slug: 'data-gouv-fr',
    lang: 'fr',
    fields: {
      summary: 'La plateforme ouverte des données publiques françaises, lancée en décembre 2011 par la mission Etalab et ouverte aux contributions de tous.',
      organisation: 'Etalab (Direction interministérielle du numérique)',
      country: 'FR',
      level: 'national',
      kind: 'open-data',
      tools: ['udata'],
      year: 2011,
      languages: ['fr'],
      tags: ['données ouvertes', 'Etalab', 'logiciel libre', 'réutilisations'],
      website: 'https://www.data.gouv.fr',
    },
    sections: [
      [
        'De quoi s’agit-il',
        'data.gouv.fr publie les jeux de données des administrations de l’État, des collectivités et d’autres producteurs. C’est une plateforme ouverte : associations, entreprises et citoyens peuvent aussi y publier des données et y présenter leurs réutilisations. Elle repose sur udata, un logiciel libre développé par Etalab.',
      ],
      [
        'Déroulement',
        'Etalab a été créée en février 2011 pour coordonner l’ouverture des données publiques de l’État ; le portail a ouvert en décembre 2011. Depuis 2019, Etalab fait partie de la Direction interministérielle du numérique (DINUM).',
      ],
    ],
    sources: [
      { text: 'Etalab (Wikipédia)', url: 'https://fr.wikipedia.org/wiki/Etalab' },
      { text: 'udata, le logiciel de data.gouv.fr (GitHub)', url: 'https://github.com/opendatateam/udata' },
    ],
  }),
  entry({
    title: 'Consultation sur le projet de loi pour une République numérique',
    slug: 'Consultation-Republique-numerique',
    lang: 'fr',
    fields: {
      summary: 'En 2015, le gouvernement a soumis son avant-projet de loi sur le numérique à une consultation en ligne où chacun pouvait voter, commenter et proposer des articles.',
      organisation: 'Gouvernement français (secrétariat d’État chargé du Numérique)',
      country: 'FR',
      level: 'national',
      kind: 'crowdsourcing',
      year: 2015,
      status: 'ended',
      languages: ['fr'],
      tags: ['co-écriture de la loi', 'consultation en ligne', 'numérique'],
    },
    sections: [
      [
        'De quoi s’agit-il',
        'Le gouvernement a publié en ligne le texte de son avant-projet de loi avant de le présenter en Conseil des ministres. Les participants pouvaient voter sur chaque article, le commenter et proposer des modifications ou de nouveaux articles.',
      ],
      [
        'Déroulement',
        'La consultation, portée par la secrétaire d’État chargée du Numérique, Axelle Lemaire, s’est tenue à l’automne 2015, et des propositions issues des contributions ont été reprises dans le projet de loi. La loi pour une République numérique a été promulguée le 7 octobre 2016.',
      ],
    ],
    sources: [{ text: 'Loi pour une République numérique (Wikipédia)', url: 'https://fr.wikipedia.org/wiki/Loi_pour_une_R%C3%A9publique_num%C3%A9rique' }],
  }),
  entry({
    title: 'Grand débat national',
    slug: 'Grand-debat-national',
    lang: 'fr',
    fields: {
      summary: 'Débat public organisé en France de janvier à mars 2019, en ligne et dans des réunions locales, sur quatre thèmes fixés par le gouvernement.',
      organisation: 'Gouvernement français',
      country: 'FR',
      level: 'national',
      kind: 'citizen-engagement',
      year: 2019,
      status: 'ended',
      languages: ['fr'],
      tags: ['débat public', 'réunions locales', 'conférences citoyennes', 'consultation'],
    },
    sections: [
      [
        'De quoi s’agit-il',
        'Lancé par le président de la République en janvier 2019, pendant le mouvement des gilets jaunes, le Grand débat national invitait chacun à s’exprimer sur quatre thèmes : la transition écologique ; la fiscalité et les dépenses publiques ; la démocratie et la citoyenneté ; l’organisation de l’État et des services publics.',
      ],
      [
        'Déroulement',
        'Les contributions sont passées par un site internet, des réunions d’initiative locale, des cahiers ouverts dans les mairies et des conférences citoyennes régionales réunissant des personnes tirées au sort. La phase de débat s’est achevée en mars 2019, et le président a présenté ses conclusions en avril 2019.',
      ],
    ],
    sources: [{ text: 'Grand débat national (Wikipédia)', url: 'https://fr.wikipedia.org/wiki/Grand_d%C3%A9bat_national' }],
  }),
  entry({
    title: 'Budget participatif de Paris',
    slug: 'Budget-participatif-Paris',
    lang: 'fr',
    fields: {
      summary: 'Depuis 2014, les Parisiens, sans condition d’âge ni de nationalité, proposent et votent des projets financés par 5 % du budget d’investissement de la Ville.',
      organisation: 'Ville de Paris',
      country: 'FR',
      region: 'Paris',
      level: 'municipal',
      kind: 'citizen-engagement',
      year: 2014,
      languages: ['fr'],
      tags: ['budget participatif', 'vote', 'projets de quartier', 'investissement'],
      website: 'https://budgetparticipatif.paris.fr',
    },
    sections: [
      [
        'De quoi s’agit-il',
        'La maire Anne Hidalgo s’est engagée à soumettre au vote des habitants 5 % du budget d’investissement de la Ville, soit 426 millions d’euros sur la mandature 2014-2020. Les habitants proposent des projets, pour tout Paris ou pour leur arrondissement ; les services de la Ville les étudient et les chiffrent, puis ils sont soumis au vote, en ligne ou dans les mairies.',
      ],
      [
        'Déroulement',
        'Lors de la première édition, du 24 septembre au 1er octobre 2014, les Parisiens ont choisi parmi quinze projets proposés par la Ville. Dès l’édition suivante, les projets soumis au vote ont été ceux déposés par les habitants eux-mêmes.',
      ],
    ],
    sources: [
      { text: 'Banque des Territoires : La ville de Paris lance son premier budget participatif (2014)', url: 'https://banquedesterritoires.fr/la-ville-de-paris-lance-son-premier-budget-participatif' },
      { text: 'Affiches Parisiennes : Le budget participatif, Paris aux Parisiens', url: 'https://www.affiches-parisiennes.com/le-budget-participatif-paris-aux-parisiens-4650.html' },
    ],
  }),
  entry({
    title: 'Decide Madrid',
    slug: 'Decide-Madrid',
    lang: 'en',
    fields: {
      summary: 'Madrid City Council’s citizen participation portal, launched in 2015: proposals, debates, votes and participatory budgets, built on the Consul software.',
      organisation: 'Madrid City Council (Ayuntamiento de Madrid)',
      country: 'ES',
      region: 'Madrid',
      level: 'municipal',
      kind: 'citizen-engagement',
      tools: ['Consul'],
      year: 2015,
      languages: ['es'],
      tags: ['participatory budgeting', 'citizen proposals', 'e-democracy', 'open source'],
      website: 'https://decide.madrid.es',
    },
    sections: [
      [
        'What it is',
        'Decide Madrid is the city’s single place for participation: registered residents propose ideas, debate, support citizen proposals and vote in consultations and participatory budgets.',
      ],
      [
        'How it went',
        'The council launched it in 2015, after the 15-M protests had made demands for a more participatory democracy, and built its software, Consul, from scratch as free software. In 2018 Decide Madrid received a United Nations Public Service Award in the category of making institutions inclusive and ensuring participation in decision-making; about 390,000 people had registered by then.',
      ],
    ],
    sources: [
      { text: 'OECD Observatory of Public Sector Innovation: Consul Project', url: 'https://oecd-opsi.org/innovations/consul-project/' },
      { text: 'Europa Press: La ONU premia al Ayuntamiento por Decide Madrid (2018)', url: 'https://europapress.es/madrid/noticia-onu-premia-ayuntamiento-decide-madrid-galardon-mejor-servicio-publico-2018-20180607140635.html' },
      { text: 'Cadena SER: La ONU premia al Ayuntamiento por Decide Madrid (2018)', url: 'http://cadenaser.com/emisora/2018/06/06/radio_madrid/1528308703_460231.html' },
    ],
  }),
  entry({
    title: 'Consul Democracy',
    slug: 'Consul-Democracy',
    lang: 'en',
    fields: {
      summary: 'Free software for citizen participation, created by Madrid City Council in 2015 and now used by cities and regional governments around the world.',
      organisation: 'Consul Democracy Foundation (originally Madrid City Council)',
      country: 'ES',
      level: 'municipal',
      kind: 'open-source',
      tools: ['Consul', 'Ruby on Rails'],
      year: 2015,
      tags: ['open source', 'AGPL', 'participation platform', 'software reuse'],
      website: 'https://consuldemocracy.org',
    },
    sections: [
      [
        'What it is',
        'Consul supports citizen proposals, debates, votes, participatory budgets, collaborative drafting of legislation and consultations; each institution turns on the parts it needs and adapts the look. It is licensed under the GNU Affero General Public License version 3, so anyone may use, copy, change and share it.',
      ],
      [
        'How it went',
        'Madrid City Council built it for Decide Madrid in 2015 and offered it freely to other institutions, which signed agreements with the council to adopt it. In 2019 the Consul Democracy Foundation, based in the Netherlands, took over the development of the software and support for its community, which is largest in Europe and South America and made up mostly of cities and regional governments.',
      ],
    ],
    sources: [
      { text: 'Joinup: Consul', url: 'https://joinup.ec.europa.eu/release/consul' },
      { text: 'Diario de Madrid: La plataforma de participación ciudadana Decide se extiende más allá de Madrid (2017)', url: 'https://diario.madrid.es/decidemadrid/2017/03/06/la-plataforma-de-participacion-ciudadana-decide-se-extiende-mas-alla-de-madrid' },
      { text: 'Consul Democracy', url: 'https://consuldemocracy.org' },
    ],
  }),
  entry({
    title: 'Decidim Barcelona',
    slug: 'Decidim-Barcelona',
    lang: 'en',
    fields: {
      summary: 'Barcelona City Council’s participatory democracy platform, online since February 2016 and built on Decidim, free software the city developed with its community.',
      organisation: 'Barcelona City Council (Ajuntament de Barcelona)',
      country: 'ES',
      region: 'Barcelona, Catalonia',
      level: 'municipal',
      kind: 'citizen-engagement',
      tools: ['Decidim', 'Ruby on Rails'],
      year: 2016,
      languages: ['ca', 'es'],
      tags: ['participatory democracy', 'strategic planning', 'participatory budgeting', 'open source'],
      website: 'https://www.decidim.barcelona',
    },
    sections: [
      [
        'What it is',
        'decidim.barcelona hosts the city’s participatory processes: residents and organisations make proposals, meet, debate and vote, and anyone can follow what becomes of each proposal.',
      ],
      [
        'How it went',
        'It went online on 1 February 2016 for the participation phase of the Municipal Action Plan 2016–2019, first as a fork of Madrid’s Consul code. In 2017 the code was rewritten from scratch as Decidim, a modular framework in Ruby on Rails under the Affero GPL, which other cities, regions and organisations now use. By March 2019 the Barcelona platform had more than 31,000 registered users and had collected more than 9,000 citizen proposals.',
      ],
    ],
    sources: [
      { text: 'Ajuntament de Barcelona: Report on the Decidim platform 2016–2019', url: 'https://ajuntament.barcelona.cat/innovaciodemocratica/en/noticia/report-on-the-decidim-platform-2016-2019_792822' },
      { text: 'OIDP: Decidim.Barcelona', url: 'https://oidp.net/en/practice.php?id=1407' },
      { text: 'Decidim', url: 'https://decidim.org' },
    ],
  }),
  entry({
    title: 'Conference on the Future of Europe: multilingual digital platform',
    slug: 'Conference-on-the-Future-of-Europe',
    lang: 'en',
    fields: {
      summary: 'The online platform of the 2021–2022 Conference on the Future of Europe, where people across the EU posted and debated ideas in 24 languages; built on Decidim.',
      organisation: 'European Parliament, Council of the EU and European Commission',
      country: 'EU',
      level: 'international',
      kind: 'citizen-engagement',
      tools: ['Decidim'],
      year: 2021,
      status: 'ended',
      tags: ['multilingual', 'deliberation', 'citizens’ panels', 'machine translation'],
    },
    sections: [
      [
        'What it is',
        'The Conference was a joint exercise of the three EU institutions in which citizens debated Europe’s priorities. Its digital platform took ideas, comments and reports of events in the EU’s 24 official languages, with machine translation so that people could read each other’s contributions. European Citizens’ Panels of randomly selected citizens worked alongside it.',
      ],
      [
        'How it went',
        'The platform opened in April 2021. The Conference ended on 9 May 2022 with a report of 49 proposals presented to the presidents of the three institutions.',
      ],
    ],
    sources: [{ text: 'Conference on the Future of Europe (Wikipedia)', url: 'https://en.wikipedia.org/wiki/Conference_on_the_Future_of_Europe' }],
  }),
  entry({
    title: 'European Citizens’ Initiative',
    slug: 'European-Citizens-Initiative',
    lang: 'en',
    fields: {
      summary: 'Since 2012, one million EU citizens from at least seven member states can ask the European Commission to propose new legislation.',
      organisation: 'European Commission',
      country: 'EU',
      level: 'international',
      kind: 'citizen-engagement',
      year: 2012,
      tags: ['citizens’ initiative', 'e-petitions', 'EU law', 'online signatures'],
      website: 'https://citizens-initiative.europa.eu',
    },
    sections: [
      [
        'What it is',
        'Organisers register an initiative on a subject where the Commission can propose law, then have 12 months to collect one million statements of support, online or on paper, with a minimum number in each of at least seven member states. The Commission must answer a successful initiative, setting out what action, if any, it will take.',
      ],
      [
        'How it went',
        'The Treaty of Lisbon created the instrument, and the first initiatives were registered in 2012. The first to succeed, Right2Water, was followed by a Commission proposal to revise the Drinking Water Directive.',
      ],
    ],
    sources: [
      { text: 'European Citizens’ Initiative (Wikipedia)', url: 'https://en.wikipedia.org/wiki/European_Citizens%27_Initiative' },
      { text: 'European Citizens’ Initiative', url: 'https://citizens-initiative.europa.eu' },
    ],
  }),
  entry({
    title: 'data.europa.eu',
    slug: 'data-europa-eu',
    lang: 'en',
    fields: {
      summary: 'The official portal for European data: open data of the EU institutions together with metadata harvested from national open data portals across Europe.',
      organisation: 'Publications Office of the European Union',
      country: 'EU',
      level: 'international',
      kind: 'open-data',
      tags: ['open data', 'European data portal', 'metadata harvesting', 'open data maturity'],
      website: 'https://data.europa.eu',
    },
    sections: [
      [
        'What it is',
        'data.europa.eu publishes the data of EU institutions, agencies and bodies and harvests the metadata of open data portals in EU member states and other European countries, so that data sets can be searched in one place. It also publishes guides, training and studies on open data, including the yearly Open Data Maturity report.',
      ],
      [
        'How it went',
        'It brought together two earlier portals: the EU Open Data Portal, for the institutions’ own data, and the European Data Portal, for data from national portals.',
      ],
    ],
    sources: [{ text: 'data.europa.eu', url: 'https://data.europa.eu' }],
  }),
];
