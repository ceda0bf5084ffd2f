/**
 * `npm run bench:paste`: times a large paste landing in the chat screen's
 * input box; see paste-screen.tsx. React's production build is used, as
 * in the real client (tui/main.tsx).
 */
process.env['NODE_ENV'] ??= 'production';
await import('./paste-screen.tsx');
