// Danger integration lands with the CI issue: this file will turn danger's DSL into the engine's
// change set and map findings back to fail/warn/markdown. Until then, CI runs `standards check`.
export {};
