import type { Router } from 'express';
import type { createApp } from '../../server/app.ts';

/** Every route the app declares, as `METHOD /path` below /api (the SPA fallback left out), sorted. */
export function declaredRoutes(app: ReturnType<typeof createApp>): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: Router & { stack?: Layer[] } };
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...new Set(found.filter((route) => !route.endsWith('/{*splat}')))].sort();
}
