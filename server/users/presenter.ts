// Chooses which account fields leave the server: never the password hash or the OpenID Connect identity.
import type { UserRow } from './users.repo.js';
import type { User } from './schema.js';

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
