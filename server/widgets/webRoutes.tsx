// /widgets: the portal authors' page (server-rendered, English and French like every page).
import type { FastifyPluginAsync } from 'fastify';
import { siteOrigin } from '../embed/pageLinks.js';
import type { ClientAssets } from '../web/assets.js';
import { sendView, viewContext } from '../web/routes.js';
import { WidgetsPage } from './WidgetsPage.js';
import { widgetsScript } from './widgetsScript.js';

export const widgetsWebRoutes: FastifyPluginAsync<{ assets: ClientAssets }> = async (app, { assets }) => {
  app.get('/widgets', async (request, reply) =>
    sendView(reply, <WidgetsPage ctx={viewContext(request, assets)} origin={siteOrigin(request)} scriptUrl={widgetsScript.url} />),
  );
};
