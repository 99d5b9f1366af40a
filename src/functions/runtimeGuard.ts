/**
 * The build appends `CustomFunctions.associate(...)` calls to functions.ts. Inside Excel, office.js defines
 * `CustomFunctions` first. When office.js could not load (offline, blocked, the page opened outside Excel),
 * those calls would throw; this gives them a no-op `associate` instead, so the page can still explain itself.
 * Nothing else is defined: the functions themselves only ever run inside Excel.
 */
const g = globalThis as { CustomFunctions?: unknown };
if (typeof g.CustomFunctions === "undefined") {
  g.CustomFunctions = { associate: (): void => undefined };
}

export {};
