// Not a client module: server components (PersonRow) use it too, and a value exported from a
// "use client" file reaches them as a client reference, not as the string.

/**
 * For the box holding a row's actions: while one of them asks its question (InlineAction marks its
 * form `data-asking`), the others step aside, so "Remove Caro? Yes No" is not followed by a "Block"
 * that reads as a third answer.
 */
export const ROW_ACTIONS = "[&:has(>[data-asking])>:not([data-asking])]:hidden";
