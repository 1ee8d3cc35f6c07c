/** The static HTML shell of the web explorer: no data is ever written into it, the client fills `<main>` through the DOM. */
export interface ShellOptions {
  /** Paths under /assets/ (fixed strings chosen by the server, never request or store data). */
  readonly cytoscapePath: string;
  /** Set when the compiled client is missing: the page explains instead of loading a script that is not there. */
  readonly missing: string | null;
}

const NAV: readonly (readonly [string, string])[] = [
  ['#/', 'Dashboard'],
  ['#/inventory', 'API inventory'],
  ['#/findings', 'Recommendations'],
  ['#/paths', 'Attack paths'],
  ['#/explorer', 'Query builder'],
  ['#/remediation', 'Choke points'],
  ['#/goals', 'Posture goals'],
];

/**
 * The stylesheet link carries the id cytoscape looks for before it injects its own <style> element (one rule:
 * position: relative on its containers); the CSP forbids inline styles, and our stylesheet holds that rule.
 */
export function renderShell(options: ShellOptions): string {
  const nav = NAV.map(([href, label]) => `<li><a href="${href}">${label}</a></li>`).join('');
  const scripts = options.missing
    ? ''
    : `<script src="/assets/${options.cytoscapePath}" defer></script>\n<script type="module" src="/assets/app/main.js"></script>`;
  const body = options.missing
    ? '<h1>apiposture</h1><p role="alert">The web explorer was not built on this server (its compiled scripts are missing). Run <code>npm run build</code> and restart <code>apiposture serve</code>.</p>'
    : '<h1 tabindex="-1">apiposture</h1><p>Loading…</p><noscript><p>The web explorer needs JavaScript. The GraphQL API is at <a href="/graphql">/graphql</a>.</p></noscript>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>apiposture</title>
<link rel="stylesheet" href="/assets/app/style.css" id="__________cytoscape_stylesheet">
${scripts}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="top">
<p class="brand"><a href="#/">apiposture</a></p>
<nav aria-label="Views"><ul>${nav}</ul></nav>
<section class="auth" id="auth" aria-label="API key"></section>
</header>
<div id="status" role="status" aria-live="polite" class="status"></div>
<main id="main" tabindex="-1" data-view="none">${body}</main>
<footer class="bottom"><p>Data from the <a href="/graphql">GraphQL API</a> of this server.</p></footer>
</body>
</html>
`;
}
