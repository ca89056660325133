// The administration forms' own checks (new accounts, groups, spaces) and the way their changes are run; the
// reading and checks that sign-in, setup and account pages share with them are in server/web/forms.ts.
import { classifications, roles, spaceAccessRules } from '../auth/permissions.js';
import { slugProblem, SLUG_MAX_LENGTH } from '../../shared/slug.js';
import type { Translate } from '../../shared/i18n/index.js';
import { cleanLength, MAX_DISPLAY_NAME, passwordError, serviceError, usernameError } from '../web/forms.js';
import type { FieldError } from './views/fields.js';

/** The limits the services enforce, repeated here only to word the messages. */
export const limits = { displayName: MAX_DISPLAY_NAME, groupName: 80, spaceName: 80, description: 500 } as const;

const oneOf = <T extends string>(value: string, allowed: readonly T[]): value is T => (allowed as readonly string[]).includes(value);

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
