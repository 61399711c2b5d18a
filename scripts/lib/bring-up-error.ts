/** A bring-up failure whose message tells a person what to do; printed without a stack. */
export class BringUpError extends Error {}
