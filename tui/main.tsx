/**
 * The termchat client's entry point. React is loaded in its production
 * build unless NODE_ENV says otherwise: the development build records
 * timing data on every render, which costs more than the render itself.
 */
process.env['NODE_ENV'] ??= 'production';
await import('./run.tsx');
