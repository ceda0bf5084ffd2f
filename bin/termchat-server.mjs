#!/usr/bin/env node
// Runs the TypeScript server through tsx, so the package needs no build.
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
