/**
 * `npm run bench:render`: times the chat screen's frames with 10,000
 * messages loaded and 50 arriving per second; see render-screen.tsx.
 * React's production build is used, as in the real client (tui/main.tsx).
 */
process.env['NODE_ENV'] ??= 'production';
await import('./render-screen.tsx');
