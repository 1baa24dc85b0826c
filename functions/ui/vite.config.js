import { defineConfig } from 'vite';

// Built into the module's classes as tollgate-ui/ (served by the gateway at /ui/, docs/dashboard.md).
// Relative base: the page also works under API Gateway's stage prefix (/prod/ui/).
export default defineConfig({
  base: './',
  build: {
    outDir: 'target/classes/tollgate-ui',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2020',
    // No inline <script> and no data: URLs for modules: the CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
