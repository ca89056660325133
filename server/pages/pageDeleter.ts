// Deleting a page is one command for the API and the web form: close its live sockets (after storing what
// they queued), delete the page with its whole update log, and audit it.
import type { Actor, AuditService } from '../audit/audit.service.js';
import type { CollabHub } from '../collab/collabHub.js';
import type { PageRow } from './pages.repo.js';
import type { PagesService } from './pages.service.js';

export function deletePage(deps: { pages: PagesService; hub: CollabHub; audit: AuditService }, page: PageRow, actor: Actor): void {
  deps.hub.closePage(page.id);
  deps.pages.delete(page.id);
  deps.audit.record(actor, 'page.deleted', { type: 'page', id: page.id }, { title: page.title, slug: page.slug, space: page.space_id });
}
