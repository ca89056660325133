// Route guards shared by the API: run as preValidation, before the body is read, so a stranger learns
// nothing from validation messages.
import type { FastifyRequest } from 'fastify';
import { canAdminister, type Principal } from './permissions.js';
import { errors } from '../plugins/errors.js';

/** preValidation guard: the caller must be signed in. Runs before the body is read, so strangers learn nothing from validation. */
export async function requireSignedIn(request: FastifyRequest): Promise<void> {
  if (request.principal.kind === 'anonymous') throw errors.signInRequired();
}

/** preValidation guard: admins only; anything but GET also needs write rights (not a read-scoped token). */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  await requireSignedIn(request);
  const mutation = request.method !== 'GET' && request.method !== 'HEAD';
  if (!canAdminister(request.principal, mutation)) throw errors.forbidden();
}

/** The signed-in account's id (routes behind requireSignedIn). */
export function callerId(principal: Principal): string {
  if (principal.kind !== 'user') throw errors.signInRequired();
  return principal.account.id;
}

