// The body of each built-in template, in English and French: section headings, each with a short note on
// what to write there. Notes are deliberately generic (which office to ask, what to cover) rather than
// citing instruments that change: a template that names the wrong policy does more harm than one that
// says "ask your ATIP office".
import type { SeedBlock } from '../render/docSeeder.js';

export const BUILT_IN_TEMPLATES = ['blank', 'justification-plan', 'case-study', 'meeting-plan', 'catalogue-entry'] as const;
export type BuiltInTemplateName = (typeof BUILT_IN_TEMPLATES)[number];

/** Template content exists in the two official languages; pages in other languages get the English one. */
export type ContentLanguage = 'en' | 'fr';

const h2 = (text: string, ...guidance: SeedBlock[]): SeedBlock[] => [{ kind: 'heading', level: 2, text }, ...guidance];
const h3 = (text: string, ...guidance: SeedBlock[]): SeedBlock[] => [{ kind: 'heading', level: 3, text }, ...guidance];
const p = (text: string): SeedBlock => ({ kind: 'paragraph', text });
const ol = (...items: string[]): SeedBlock => ({ kind: 'list', ordered: true, items });
const ul = (...items: string[]): SeedBlock => ({ kind: 'list', items });

const justificationPlan: Record<ContentLanguage, SeedBlock[]> = {
  en: [
    ...h2('Purpose', p('In two or three sentences, say what you are asking for and who must approve it. For example: “This plan asks the director to approve a six-month pilot of a shared wiki for the policy team.” Put the decision you need first: some readers will stop after this section.')),
    ...h2('Background', p('Describe the current situation: how the work is done today, who is involved, and what has already been tried. Link to earlier decisions, briefings or studies rather than repeating them.')),
    ...h2('Business need', p('Explain the problem this proposal solves and why it matters now. Tie it to your organization’s mandate, priorities or business plan, and support it with evidence: figures, examples, feedback from employees or clients.')),
    ...h2('Proposed tool or practice', p('Describe what you propose to use or do, and how it will work day to day: who will use it, for what, and how it fits with the tools you already have. If you considered other options, list them and say why you chose this one. Say whether the tool is already approved or in use elsewhere in government.')),
    ...h2('Benefits', p('List the expected benefits for employees, clients and the organization, such as time saved, better collaboration, more openness or less duplication. Make them measurable where you can, and say when they should appear.')),
    ...h2('Risks and mitigation', p('For each risk, say how likely it is, what its impact would be, and what you will do to reduce it. Cover at least the areas below; if one does not apply, say so and why rather than leaving it out.')),
    ...h3('Security', p('State the highest security category of the information the tool will hold (Unclassified, Protected A, Protected B) and where the data will be hosted. Describe who can get access and how people sign in. Ask your departmental IT security team whether a security assessment and authorization is needed, and record their advice.')),
    ...h3('Privacy', p('Say whether the tool will collect, use or display personal information, including the names and contact details of its users. If it will, consult your access to information and privacy (ATIP) office about your obligations under the Privacy Act and whether a privacy impact assessment is needed.')),
    ...h3('Official languages', p('Explain how the tool and its content will respect the Official Languages Act: an interface in English and French, employees able to use it in the official language of their choice where they have that right, and content meant for the public or for all employees available in both languages.')),
    ...h3('Accessibility', p('Describe how people with disabilities will use the tool: keyboard-only use, screen readers, captions on video, colour contrast. Name the standard it meets (for example WCAG 2.1 level AA), say how you checked, and explain how people can ask for an accessible format or report a barrier.')),
    ...h3('Information management', p('Identify the information of business value the tool will hold, who is responsible for it, how long it must be kept, and how it will be disposed of or moved to the corporate repository. Records in the tool can be requested under the Access to Information Act. Consult your information management team.')),
    ...h2('Costs and resources', p('Give one-time and ongoing costs: licences, hosting, set-up, training, translation, accessibility testing, support, and the staff time needed to run it. Say where the money and the people will come from, and what happens to the content if the tool is retired.')),
    ...h2('Governance and approvals', p('Say who owns the tool, who decides on changes, and who looks after it day to day. List the approvals needed (manager, director, IT, security, privacy, official languages, information management) with the status and date of each. Link to the terms of use or community guidelines, if any.')),
    ...h2('Measures of success', p('Define how you will know the proposal worked: a few indicators, each with a starting point, a target and a date (for example “80% of the team’s working documents drafted in the wiki by September”). Say how and when you will gather the data and report back.')),
    ...h2('Timeline', p('List the main steps with target dates: approval, set-up, launch, check-ins, evaluation, and the decision to continue, expand or stop.')),
  ],
  fr: [
    ...h2('Objet', p('En deux ou trois phrases, indiquez ce que vous demandez et qui doit l’approuver. Par exemple : « Le présent plan demande au directeur d’approuver l’essai, pendant six mois, d’un wiki partagé par l’équipe des politiques. » Présentez d’abord la décision attendue : certains lecteurs s’arrêteront à cette section.')),
    ...h2('Contexte', p('Décrivez la situation actuelle : comment le travail se fait aujourd’hui, qui y participe et ce qui a déjà été essayé. Faites un lien vers les décisions, notes d’information ou études antérieures plutôt que de les répéter.')),
    ...h2('Besoin opérationnel', p('Expliquez le problème que la proposition règle et pourquoi il faut agir maintenant. Rattachez-le au mandat, aux priorités ou au plan d’activités de votre organisation, et appuyez-le sur des faits : chiffres, exemples, commentaires d’employés ou de clients.')),
    ...h2('Outil ou pratique proposé', p('Décrivez ce que vous proposez d’utiliser ou de faire, et comment cela fonctionnera au quotidien : qui l’utilisera, à quelles fins et comment cela s’intègre aux outils existants. Si vous avez envisagé d’autres options, énumérez-les et expliquez votre choix. Indiquez si l’outil est déjà approuvé ou utilisé ailleurs au gouvernement.')),
    ...h2('Avantages', p('Énumérez les avantages attendus pour les employés, les clients et l’organisation : temps gagné, meilleure collaboration, plus grande ouverture, moins de chevauchements. Rendez-les mesurables si possible et indiquez quand ils devraient se concrétiser.')),
    ...h2('Risques et mesures d’atténuation', p('Pour chaque risque, indiquez sa probabilité, ses conséquences et ce que vous ferez pour le réduire. Traitez au moins les aspects ci-dessous; si l’un d’eux ne s’applique pas, dites-le et expliquez pourquoi plutôt que de l’omettre.')),
    ...h3('Sécurité', p('Indiquez la catégorie de sécurité la plus élevée de l’information que l’outil contiendra (non classifié, Protégé A, Protégé B) et l’endroit où les données seront hébergées. Décrivez qui pourra y accéder et comment se fera l’ouverture de session. Demandez à l’équipe de la sécurité des TI de votre ministère si une évaluation et une autorisation de sécurité sont nécessaires, et consignez son avis.')),
    ...h3('Protection des renseignements personnels', p('Indiquez si l’outil recueillera, utilisera ou affichera des renseignements personnels, y compris le nom et les coordonnées de ses utilisateurs. Le cas échéant, consultez votre bureau de l’accès à l’information et de la protection des renseignements personnels (AIPRP) au sujet de vos obligations aux termes de la Loi sur la protection des renseignements personnels et de la nécessité d’une évaluation des facteurs relatifs à la vie privée.')),
    ...h3('Langues officielles', p('Expliquez comment l’outil et son contenu respecteront la Loi sur les langues officielles : une interface en français et en anglais, la possibilité pour les employés de l’utiliser dans la langue officielle de leur choix lorsqu’ils en ont le droit, et un contenu destiné au public ou à l’ensemble du personnel offert dans les deux langues.')),
    ...h3('Accessibilité', p('Décrivez comment les personnes en situation de handicap utiliseront l’outil : navigation au clavier seulement, lecteurs d’écran, sous-titres des vidéos, contraste des couleurs. Nommez la norme respectée (par exemple les WCAG 2.1, niveau AA), indiquez comment vous l’avez vérifié et expliquez comment demander un format accessible ou signaler un obstacle.')),
    ...h3('Gestion de l’information', p('Déterminez l’information à valeur opérationnelle que l’outil contiendra, qui en est responsable, combien de temps elle doit être conservée et comment elle sera éliminée ou versée au dépôt ministériel. Les documents de l’outil peuvent faire l’objet de demandes en vertu de la Loi sur l’accès à l’information. Consultez votre équipe de gestion de l’information.')),
    ...h2('Coûts et ressources', p('Précisez les coûts ponctuels et récurrents : licences, hébergement, mise en place, formation, traduction, essais d’accessibilité, soutien et temps du personnel nécessaire. Indiquez d’où viendront les fonds et les personnes, et ce qu’il adviendra du contenu si l’outil est abandonné.')),
    ...h2('Gouvernance et approbations', p('Indiquez à qui appartient l’outil, qui décide des changements et qui s’en occupe au quotidien. Énumérez les approbations requises (gestionnaire, direction, TI, sécurité, protection des renseignements personnels, langues officielles, gestion de l’information), avec l’état et la date de chacune. Faites un lien vers les conditions d’utilisation ou les règles de la communauté, s’il y a lieu.')),
    ...h2('Mesures du succès', p('Définissez comment vous saurez que la proposition a fonctionné : quelques indicateurs, chacun avec un point de départ, une cible et une date (par exemple « 80 % des documents de travail de l’équipe rédigés dans le wiki d’ici septembre »). Précisez comment et quand vous recueillerez les données et en rendrez compte.')),
    ...h2('Échéancier', p('Énumérez les principales étapes et leurs dates cibles : approbation, mise en place, lancement, points de contrôle, évaluation, puis décision de poursuivre, d’élargir ou d’arrêter.')),
  ],
};

const caseStudy: Record<ContentLanguage, SeedBlock[]> = {
  en: [
    ...h2('Summary', p('In a short paragraph, say what was done, by whom, when, and the main result. Write it so that someone who reads nothing else understands the initiative.')),
    ...h2('Context', p('Describe the organization, the people involved and the situation before the initiative: mandate, audience, and constraints such as policy, budget, technology or security.')),
    ...h2('Challenge', p('State the problem or opportunity the initiative addressed and why it mattered. Give evidence where you can.')),
    ...h2('Approach', p('Explain what was done, step by step: how the team came together, how decisions were made, how users or the public took part, and what changed along the way.')),
    ...h2('Tools', p('List the tools, platforms and methods used (for example a wiki, an open data portal, a crowdsourcing platform, design sprints), and how they were approved and supported.')),
    ...h2('Results', p('Describe the outcomes, with figures where possible: participation, time or money saved, quality of decisions, feedback. Keep measured results apart from impressions, and mention what fell short.')),
    ...h2('Lessons learned', p('Share what worked, what did not, and what you would do differently. Give advice to someone starting a similar initiative.')),
    ...h2('Contacts', p('Name the people or team who can answer questions, with their role, organization and a way to reach them. Ask them before you list them.')),
    ...h2('Links', p('Link to sources and related material: reports, evaluations, announcements, the initiative itself. Prefer official, lasting addresses, and note when you last checked each one.')),
  ],
  fr: [
    ...h2('Résumé', p('En un court paragraphe, dites ce qui a été fait, par qui, quand, et le principal résultat. Rédigez-le pour qu’une personne qui ne lit rien d’autre comprenne l’initiative.')),
    ...h2('Contexte', p('Décrivez l’organisation, les personnes concernées et la situation avant l’initiative : mandat, public visé et contraintes, qu’il s’agisse de politiques, de budget, de technologie ou de sécurité.')),
    ...h2('Défi', p('Énoncez le problème ou l’occasion auquel l’initiative répondait, et pourquoi c’était important. Appuyez-vous sur des faits si possible.')),
    ...h2('Approche', p('Expliquez ce qui a été fait, étape par étape : comment l’équipe s’est formée, comment les décisions ont été prises, comment les utilisateurs ou le public ont participé et ce qui a changé en cours de route.')),
    ...h2('Outils', p('Énumérez les outils, plateformes et méthodes utilisés (par exemple un wiki, un portail de données ouvertes, une plateforme d’externalisation ouverte, des sprints de conception), et comment ils ont été approuvés et soutenus.')),
    ...h2('Résultats', p('Décrivez les retombées, chiffres à l’appui si possible : participation, temps ou argent économisé, qualité des décisions, commentaires. Distinguez les résultats mesurés des impressions, et mentionnez ce qui n’a pas atteint les attentes.')),
    ...h2('Leçons apprises', p('Dites ce qui a fonctionné, ce qui n’a pas fonctionné et ce que vous feriez autrement. Donnez des conseils à qui lancerait une initiative semblable.')),
    ...h2('Personnes-ressources', p('Nommez les personnes ou l’équipe qui peuvent répondre aux questions, avec leur rôle, leur organisation et un moyen de les joindre. Demandez-leur la permission avant de les inscrire.')),
    ...h2('Liens', p('Faites un lien vers les sources et les documents connexes : rapports, évaluations, annonces, l’initiative elle-même. Privilégiez les adresses officielles et durables, et notez quand vous avez vérifié chacune pour la dernière fois.')),
  ],
};

const meetingPlan: Record<ContentLanguage, SeedBlock[]> = {
  en: [
    ...h2('Purpose and objectives', p('Say why the meeting is needed and what it must produce: a decision, advice, shared information. If there is nothing to decide or discuss, an email may do.')),
    ...h2('Date, time and place', p('Give the date, the start and end times (with the time zone if participants are in several), the room, and the video conference link or dial-in number. Mention accessibility arrangements such as interpretation or captioning, and whom to ask for them.')),
    ...h2('Participants and roles', p('List who is invited and why. Name the chair, the note-taker, the timekeeper and who leads each item. Say how participants can take part in the official language of their choice.')),
    ...h2(
      'Agenda',
      p('For each item, give the topic, who leads it, the time allowed and what is expected: information, discussion or decision.'),
      ol('Welcome and objectives (chair, 5 minutes)', 'First item: topic (lead, 15 minutes, for decision)', 'Second item: topic (lead, 15 minutes, for discussion)', 'Round table and next steps (chair, 5 minutes)'),
    ),
    ...h2('Pre-reading', p('Link to the documents to read beforehand, and share them early enough to be read, in both official languages where needed. Say which agenda item each one supports.')),
    ...h2('Decisions', p('Record each decision as it is made, in one clear sentence, with who made it. Note items that were deferred, and why.')),
    ...h2('Action items', p('For each action, record what will be done, who is responsible and when it is due.'), ul('Action: owner, due date')),
    ...h2('Next meeting', p('Give the date, time and place of the next meeting, if there is one, and any items already planned for it.')),
  ],
  fr: [
    ...h2('Objet et objectifs', p('Expliquez pourquoi la réunion est nécessaire et ce qu’elle doit produire : une décision, des conseils, de l’information partagée. S’il n’y a rien à décider ni à discuter, un courriel suffit peut-être.')),
    ...h2('Date, heure et lieu', p('Indiquez la date, les heures de début et de fin (avec le fuseau horaire si les participants sont dans plusieurs), la salle et le lien de vidéoconférence ou le numéro d’appel. Précisez les mesures d’accessibilité, comme l’interprétation ou le sous-titrage, et à qui les demander.')),
    ...h2('Participants et rôles', p('Énumérez les personnes invitées et la raison de leur présence. Nommez la présidence, la personne qui prend les notes, celle qui surveille le temps et la personne responsable de chaque point. Précisez comment chacun peut participer dans la langue officielle de son choix.')),
    ...h2(
      'Ordre du jour',
      p('Pour chaque point, indiquez le sujet, la personne responsable, le temps prévu et ce qui est attendu : information, discussion ou décision.'),
      ol('Mot de bienvenue et objectifs (présidence, 5 minutes)', 'Premier point : sujet (responsable, 15 minutes, pour décision)', 'Deuxième point : sujet (responsable, 15 minutes, pour discussion)', 'Tour de table et prochaines étapes (présidence, 5 minutes)'),
    ),
    ...h2('Lectures préalables', p('Faites un lien vers les documents à lire avant la réunion, et transmettez-les assez tôt pour qu’ils soient lus, dans les deux langues officielles au besoin. Indiquez à quel point de l’ordre du jour chacun se rapporte.')),
    ...h2('Décisions', p('Consignez chaque décision au moment où elle est prise, en une phrase claire, avec le nom de qui l’a prise. Notez les points reportés, et pourquoi.')),
    ...h2('Mesures de suivi', p('Pour chaque mesure, notez ce qui sera fait, la personne responsable et la date d’échéance.'), ul('Mesure : responsable, échéance')),
    ...h2('Prochaine réunion', p('Indiquez la date, l’heure et le lieu de la prochaine réunion, s’il y en a une, et les points déjà prévus.')),
  ],
};

const catalogueEntry: Record<ContentLanguage, SeedBlock[]> = {
  en: [
    ...h2('What it is', p('Describe the initiative in a few sentences: who runs it, for whom, what it does and since when. Fill in the entry’s fields too (country, level of government, kind, year, status, tools), so people can find it by facet.')),
    ...h2('How it went', p('Tell the story: why it started, how it was built and run, how people took part, and what it achieved. Give figures with their source and date.')),
    ...h2('Lessons', p('What others can learn from it: what worked, what did not, and what to watch for when doing something similar.')),
    ...h2('Contacts', p('The office or role to contact about the initiative, and how. Prefer a team address to a person’s name, and list only public contact details.')),
    ...h2('Sources', p('Link to the sources for what this entry says: the initiative’s own site, official reports, evaluations, news coverage. Note when you last checked each one.')),
  ],
  fr: [
    ...h2('En quoi elle consiste', p('Décrivez l’initiative en quelques phrases : qui la mène, pour qui, ce qu’elle fait et depuis quand. Remplissez aussi les champs de la fiche (pays, ordre de gouvernement, type, année, état, outils) pour qu’on puisse la trouver par facette.')),
    ...h2('Comment elle s’est déroulée', p('Racontez : pourquoi elle a commencé, comment elle a été mise sur pied et menée, comment les gens y ont participé et ce qu’elle a accompli. Donnez les chiffres avec leur source et leur date.')),
    ...h2('Leçons', p('Ce que d’autres peuvent en tirer : ce qui a fonctionné, ce qui n’a pas fonctionné et ce à quoi il faut faire attention pour une initiative semblable.')),
    ...h2('Personnes-ressources', p('Le bureau ou le rôle à joindre au sujet de l’initiative, et comment. Privilégiez l’adresse d’une équipe plutôt que le nom d’une personne, et n’inscrivez que des coordonnées publiques.')),
    ...h2('Sources', p('Faites un lien vers les sources de ce qu’affirme la fiche : site de l’initiative, rapports officiels, évaluations, couverture médiatique. Notez quand vous avez vérifié chacune pour la dernière fois.')),
  ],
};

export const templateContent: Record<BuiltInTemplateName, Record<ContentLanguage, SeedBlock[]>> = {
  blank: { en: [], fr: [] },
  'justification-plan': justificationPlan,
  'case-study': caseStudy,
  'meeting-plan': meetingPlan,
  'catalogue-entry': catalogueEntry,
};
