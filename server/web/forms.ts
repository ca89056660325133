// Reading the server-rendered forms (administration, sign-in, first-run setup, account): url-encoded bodies to
// plain values, and problems with them as translated messages tied to fields. The services stay the authority
// (they re-check everything); these checks exist so a person sees which field is wrong, in their language,
// before anything is changed.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../auth/passwords.js';
import { AppError } from '../plugins/errors.js';
import { usernameProblem } from '../users/users.service.js';
import { SLUG_MAX_LENGTH } from '../../shared/slug.js';
import type { Translate } from '../../shared/i18n/index.js';
import type { FieldError } from '../admin/views/fields.js';

/** The longest display name the users service accepts, repeated here only to word the messages. */
export const MAX_DISPLAY_NAME = 100;

/** One text value from a url-encoded body: the first if repeated, '' if absent. */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Length as the services count it: after collapsing white space and trimming. */
export const cleanLength = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim().length;

export function usernameError(t: Translate, username: string): FieldError | null {
  return usernameProblem(username.trim()) ? { field: 'username', message: t('admin.error.usernameInvalid') } : null;
}

export function passwordError(t: Translate, password: string): FieldError | null {
  if (!passwordProblem(password)) return null;
  return {
    field: 'password',
    message:
      password.length < MIN_PASSWORD_LENGTH
        ? t('admin.error.passwordTooShort', { min: MIN_PASSWORD_LENGTH })
        : t('admin.error.passwordTooLong', { max: MAX_PASSWORD_LENGTH }),
  };
}

/** A display name people give themselves (first-run setup, /account). */
export function displayNameError(t: Translate, displayName: string): FieldError | null {
  if (cleanLength(displayName) <= MAX_DISPLAY_NAME) return null;
  return { field: 'displayName', message: t('account.displayNameTooLong', { max: MAX_DISPLAY_NAME }) };
}

/**
 * A refusal from a service, as a problem on the form. Known codes get a translated message on their field;
 * anything else shows the service's own message for the whole form. Errors that are not a client's fault
 * are rethrown.
 */
export function serviceError(t: Translate, error: unknown, values: Record<string, string>): { status: number; error: FieldError } {
  if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
  const fieldError = ((): FieldError => {
    switch (error.code) {
      case 'WIKI_USERNAME_TAKEN':
        return { field: 'username', message: t('admin.error.usernameTaken', { username: values.username?.trim() ?? '' }) };
      case 'WIKI_LAST_ADMIN':
        return { field: null, message: t('admin.error.lastAdmin') };
      case 'WIKI_GROUP_NAME_TAKEN':
        return { field: 'name', message: t('admin.error.groupNameTaken', { name: values.name?.trim() ?? '' }) };
      case 'WIKI_SPACE_SLUG_TAKEN':
        return { field: 'slug', message: t('admin.error.slugTaken', { slug: values.slug ?? '' }) };
      case 'WIKI_INVALID_SLUG':
        return { field: 'slug', message: t('admin.error.slugInvalid', { max: SLUG_MAX_LENGTH }) };
      default:
        return { field: null, message: error.message };
    }
  })();
  return { status: error.statusCode, error: fieldError };
}
