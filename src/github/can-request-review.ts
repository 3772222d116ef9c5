import type { GitHub } from './types.js';

/** Roles that may push to the repository: a review costs the installation's API budget. */
const ALLOWED_ROLES = new Set(['admin', 'maintain', 'write']);

/**
 * Whether a user may ask for a review with a comment. `permission` folds maintain into write and
 * custom roles into their base, so `role_name` is checked as well.
 */
export async function canRequestReview(octokit: GitHub, owner: string, repo: string, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return ALLOWED_ROLES.has(data.permission) || ALLOWED_ROLES.has(data.role_name);
  } catch (error) {
    // GitHub answers 404 for someone who is not a collaborator at all: not allowed, not a failure.
    if ((error as { status?: unknown }).status === 404) return false;
    throw error;
  }
}
