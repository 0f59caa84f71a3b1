/**
 * The repository's address without a trailing slash or `.git`, or null when `value` is unset or
 * blank; throws, naming REPOSITORY_URL, when it is not the address of a repository.
 */
export function parseRepositoryUrl(value: string | undefined): string | null
