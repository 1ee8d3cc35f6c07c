/**
 * The web explorer's entry module: hash routing between the views, the API key box, focus management.
 * Every view reads its data from POST /graphql (api.ts) and builds its DOM through dom.ts, never from markup strings.
 */
import { mountAuth } from './auth.js';
import { h, link } from './dom.js';
import { assertNever } from './messages.js';
import { navHref, parseRoute, type Route } from './routes.js';
import { errorBox, type ViewContext } from './views/common.js';
import { renderAsset } from './views/asset.js';
import { renderDashboard } from './views/dashboard.js';
import { renderExplorer } from './views/explorer.js';
import { renderFindings } from './views/findings.js';
import { renderGoals } from './views/goals.js';
import { renderInventory } from './views/inventory.js';
import { renderPath } from './views/path.js';
import { renderPaths } from './views/paths.js';
import { renderRemediation } from './views/remediation.js';

function titleOf(route: Route): string {
  switch (route.view) {
    case 'dashboard':
      return 'Dashboard';
    case 'inventory':
      return 'API inventory';
    case 'findings':
      return 'Recommendations';
    case 'paths':
      return 'Attack paths';
    case 'path':
      return 'Attack path';
    case 'asset':
      return 'Asset';
    case 'explorer':
      return 'Query builder';
    case 'remediation':
      return 'Choke points and remediation plan';
    case 'goals':
      return 'Posture goals';
    case 'notFound':
      return 'Not found';
    default:
      return assertNever(route);
  }
}

function drawView(
  route: Route,
  context: ViewContext,
  section: HTMLElement,
  setHeading: (text: string) => void,
): Promise<void> {
  switch (route.view) {
    case 'dashboard':
      return renderDashboard(context, section);
    case 'inventory':
      return renderInventory(context, section, route.filter);
    case 'findings':
      return renderFindings(context, section, route.severity);
    case 'paths':
      return renderPaths(context, section, route.riskLevel);
    case 'path':
      return renderPath(context, section, route.id, setHeading);
    case 'asset':
      return renderAsset(context, section, route.id, setHeading);
    case 'explorer':
      return renderExplorer(context, section, route.template);
    case 'remediation':
      return renderRemediation(context, section);
    case 'goals':
      return renderGoals(context, section);
    case 'notFound':
      section.append(h('p', {}, 'There is no such view. '), link('#/', 'Go to the dashboard'));
      return Promise.resolve();
    default:
      return assertNever(route);
  }
}

function start(): void {
  const main = document.getElementById('main');
  const status = document.getElementById('status');
  const auth = document.getElementById('auth');
  if (!main || !status || !auth) throw new Error('the page shell is incomplete');
  let generation = 0;

  const render = async (moveFocus: boolean) => {
    const route = parseRoute(location.hash);
    const mine = ++generation;
    const context: ViewContext = { main, current: () => mine === generation };
    const title = titleOf(route);
    const heading = h('h1', { attrs: { tabindex: '-1' } }, title);
    const section = h('div', { class: 'view' });
    const setHeading = (text: string) => {
      heading.textContent = text;
      document.title = `${text} — apiposture`;
    };
    main.dataset['view'] = route.view;
    // The address this render answers: a reader (or a test) waits for `ready` on the route it navigated to, not the last one.
    main.dataset['route'] = location.hash;
    main.dataset['state'] = 'loading';
    main.setAttribute('aria-busy', 'true');
    main.replaceChildren(heading, section);
    document.title = `${title} — apiposture`;
    const current = navHref(route);
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
      if (a.getAttribute('href') === current) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    // After navigation, screen reader and keyboard users start at the new view's heading, not at the top of the page.
    if (moveFocus) heading.focus();
    try {
      await drawView(route, context, section, setHeading);
    } catch (error) {
      // Views report the API's errors themselves; this is for a fault in the page's own code.
      if (context.current()) section.replaceChildren(errorBox(error));
    } finally {
      if (context.current()) {
        main.dataset['state'] = 'ready';
        main.removeAttribute('aria-busy');
        status.textContent = `${heading.textContent ?? title} loaded.`;
      }
    }
  };

  // The skip link targets #main; following it must not be taken for a route.
  document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', () => void render(true));
  mountAuth(auth, () => void render(false));
  void render(false);
}

start();
