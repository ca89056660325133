-- The Templates space: every page in it is offered as a template when someone creates a page (if they may
-- read it). Open and Unclassified like Main, so editors can add templates; admins can restrict it later,
-- and the pages then stop being offered to those who lose read access. OR IGNORE: if an admin already took
-- the address "Templates" for a space of their own, it is left alone (the templates space is the id).
INSERT OR IGNORE INTO spaces (id, slug, slug_key, name, description, classification, access, created_at, updated_at)
VALUES (
  'templates', 'Templates', 'templates', 'Templates',
  'Every page here is offered as a template for new pages. / Chaque page de cet espace est proposée comme modèle de nouvelle page.',
  'unclassified', 'open', unixepoch() * 1000, unixepoch() * 1000
);
