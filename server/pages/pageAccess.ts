// Authorization of page requests, shared by the API and the web routes. A page someone may not read
// answers as if it did not exist to signed-in people (no leak of Protected titles), and asks anonymous
// visitors to sign in.
import type { Access, Principal } from '../auth/permissions.js';
import { canMutate } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import { MAIN_SPACE_ID } from '../spaces/spaces.service.js';
import { AppError } from '../plugins/errors.js';
import type { PageRow } from './pages.repo.js';

export function pageAccess(spaces: SpacesService, principal: Principal, page: PageRow): Access {
  return spaces.access(principal, page.space_id);
}

/** Throws unless the principal may read the page. */
export function assertCanRead(spaces: SpacesService, principal: Principal, page: PageRow): void {
  if (pageAccess(spaces, principal, page) !== 'none') return;
  throw principal.kind === 'anonymous' ? errors.signInRequired() : errors.pageNotFound();
}

/** Throws unless the principal may change the page. */
export function assertCanWrite(spaces: SpacesService, principal: Principal, page: PageRow): void {
  assertCanRead(spaces, principal, page);
  if (pageAccess(spaces, principal, page) !== 'write') throw errors.forbidden();
}

/** The space a new page goes in (id or address; Main by default), checked for write access. */
export function spaceForNewPage(spaces: SpacesService, principal: Principal, requested: string | undefined): string {
  if (principal.kind === 'anonymous') throw errors.signInRequired();
  if (!canMutate(principal)) throw errors.forbidden();
  const space = spaces.find(requested ?? MAIN_SPACE_ID);
  const access = space ? spaces.access(principal, space.id) : 'none';
  if (!space || access === 'none') {
    throw new AppError(400, 'WIKI_UNKNOWN_SPACE', `There is no space named "${requested}".`);
  }
  if (access !== 'write') throw errors.forbidden();
  return space.id;
}
