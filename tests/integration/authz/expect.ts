/** Building blocks for expected statuses, shared by every matrix file (kept apart to avoid an import cycle). */
export const staffOnly = { anonymous: 401 } as const;
export const everyone = (status: number) => ({ default: status });
