const TOTEM_ROOTS = new Set(['DocumentBudgetaire', 'CompteFinancierUnique']);

/**
 * Whether a file looks like a TOTEM flux (budget document or CFU), from the
 * local name of its root element in the first bytes; `readTotem` checks the rest.
 */
export function looksLikeTotem(data: Buffer): boolean {
  const head = data
    .subarray(0, 4096)
    .toString('latin1')
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '');
  const root = /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(head)?.[1];
  return root !== undefined && TOTEM_ROOTS.has(root);
}
