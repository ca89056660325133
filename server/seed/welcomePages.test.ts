import fs from 'node:fs';
import { buildApp } from '../app.js';
import { loadConfig } from '../plugins/config.js';
import { tempDataDir } from '../../tests/helpers/testServer.js';
import { seedWelcomePages } from './welcomePages.js';

test('the welcome pages are created on first start only, in English and French', async () => {
  const dataDir = tempDataDir();
  try {
    const app = await buildApp(loadConfig({ WIKI_DATA_DIR: dataDir }), { logger: false });
    expect(await seedWelcomePages(app.services.db, app.services.pages)).toBe(2);
    const fr = (await app.inject({ url: '/api/v1/pages/Bienvenue' })).json();
    expect(fr.lang).toBe('fr');
    expect(fr.text).toContain('fonctionnaires');
    // A later start creates nothing, even after someone removes a welcome page.
    app.services.db.prepare("DELETE FROM pages WHERE slug = 'Welcome'").run();
    expect(await seedWelcomePages(app.services.db, app.services.pages)).toBe(0);
    expect((await app.inject({ url: '/api/v1/pages' })).json().total).toBe(1);
    await app.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
