#!/usr/bin/env node
// The `termchat` command: runs the TypeScript client through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../tui/main.tsx');
