// Reading the administration forms: url-encoded bodies to plain values, and problems with them as translated
// messages tied to fields. The services stay the authority (they re-check everything); these checks exist so
// a person sees which field is wrong, in their language, before anything is changed.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../auth/passwords.js';
import { classifications, roles, spaceAccessRules } from '../auth/permissions.js';
import { AppError } from '../plugins/errors.js';
import { usernameProblem } from '../users/users.service.js';
import { slugProblem, SLUG_MAX_LENGTH } from '../../shared/slug.js';
import type { Translate } from '../../shared/i18n/index.js';
import type { FieldError } from './views/fields.js';

/** The limits the services enforce, repeated here only to word the messages. */
export const limits = { displayName: 100, groupName: 80, spaceName: 80, description: 500 } as const;

/** One text value from a url-encoded body: the first if repeated, '' if absent. */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Length as the services count it: after collapsing white space and trimming. */
const cleanLength = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim().length;

const oneOf = <T extends string>(value: string, allowed: readonly T[]): value is T => (allowed as readonly string[]).includes(value);

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

export function roleError(t: Translate, role: string): FieldError | null {
  return oneOf(role, roles) ? null : { field: 'role', message: t('admin.error.roleInvalid') };
}

export function newUserErrors(t: Translate, values: Record<string, string>): FieldError[] {
  return [
    usernameError(t, values.username),
    cleanLength(values.displayName) > limits.displayName
      ? { field: 'displayName', message: t('admin.error.displayNameTooLong', { max: limits.displayName }) }
      : null,
    roleError(t, values.role),
    passwordError(t, values.password),
  ].filter((e): e is FieldError => e !== null);
}

export function groupErrors(t: Translate, values: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  const nameLength = cleanLength(values.name);
  if (nameLength < 1 || nameLength > limits.groupName) errors.push({ field: 'name', message: t('admin.error.groupNameInvalid', { max: limits.groupName }) });
  if (values.description.trim().length > limits.description) {
    errors.push({ field: 'description', message: t('admin.error.descriptionTooLong', { max: limits.description }) });
  }
  return errors;
}

/** Space form checks; `groupNames` are the groups shown on the form, whose grant fields are read. */
export function spaceErrors(t: Translate, values: Record<string, string>, groupNames: Map<string, string>, isNew: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const nameLength = cleanLength(values.name);
  if (nameLength < 1 || nameLength > limits.spaceName) errors.push({ field: 'name', message: t('admin.error.spaceNameInvalid', { max: limits.spaceName }) });
  if (isNew && values.slug.trim() !== '' && slugProblem(values.slug.trim())) {
    errors.push({ field: 'slug', message: t('admin.error.slugInvalid', { max: SLUG_MAX_LENGTH }) });
  }
  if (cleanLength(values.description) > limits.description) {
    errors.push({ field: 'description', message: t('admin.error.descriptionTooLong', { max: limits.description }) });
  }
  if (!oneOf(values.classification, classifications)) errors.push({ field: 'classification', message: t('admin.error.classificationInvalid') });
  const accessChoices = isNew ? [...spaceAccessRules, 'default'] : spaceAccessRules;
  if (!accessChoices.includes(values.access as never)) errors.push({ field: 'access', message: t('admin.error.accessInvalid') });
  for (const [groupId, name] of groupNames) {
    const role = values[`grant-${groupId}`];
    if (role !== '' && role !== 'reader' && role !== 'editor') errors.push({ field: `grant-${groupId}`, message: t('admin.error.grantInvalid', { group: name }) });
  }
  return errors;
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

export type FormOutcome<R> = { ok: true; result: R } | { ok: false; state: { values: Record<string, string>; errors: FieldError[] }; status: number };

/**
 * Runs a form's change when its values passed the checks: problems found beforehand give a 400 and change
 * nothing; a refusal from the service keeps its status (409 for a conflict such as the last admin).
 * `messageValues` fill the service messages when they differ from what is shown again (a derived address).
 */
export async function handleForm<R>(
  t: Translate,
  values: Record<string, string>,
  problems: FieldError[],
  run: () => R | Promise<R>,
  messageValues: Record<string, string> = values,
): Promise<FormOutcome<R>> {
  if (problems.length > 0) return { ok: false, state: { values, errors: problems }, status: 400 };
  try {
    return { ok: true, result: await run() };
  } catch (error) {
    const refusal = serviceError(t, error, messageValues);
    return { ok: false, state: { values, errors: [refusal.error] }, status: refusal.status };
  }
}
