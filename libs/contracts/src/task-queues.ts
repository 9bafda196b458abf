/** Versioned task queue: a breaking change to workflow code ships on a new one. */
export const DEFAULT_TASK_QUEUE = 'openactes-v1';
