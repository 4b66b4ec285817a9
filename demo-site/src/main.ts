/**
 * The demo site: sign in with a demo account, then the dashboard for the account's role, composed
 * from the RetailMind widgets under one `<rm-provider>` that carries the SDK client, the date range
 * and the channel/segment filters. Role gating here is presentation; the server decides.
 */
import '@retailmind/widgets/all';
import { createClient, type ConnectionState, type RetailMindClient, type Role } from '@retailmind/sdk';
import type { RmProvider } from '@retailmind/widgets';
import './styles.css';

interface Session {
  token: string;
  user: { username: string; role: Role };
  expiresAt: string;
}

const SESSION_KEY = 'retailmind.session';
const THEME_KEY = 'retailmind.theme';
const app = document.querySelector<HTMLDivElement>('#app')!;

const ACCOUNTS: { username: string; role: Role; title: string; blurb: string }[] = [
  { username: 'manager', role: 'manager', title: 'Marketing manager', blurb: 'KPIs, anomalies, recommendations, campaign health, budget simulator, report' },
  { username: 'analyst', role: 'analyst', title: 'Marketing analyst', blurb: 'KPIs, channel comparison, health with filters, anomalies in detail, CSV/PDF export' },
  { username: 'leadership', role: 'leadership', title: 'Leadership', blurb: 'High-level KPIs, ROI by channel, the executive report' },
];

// ---------------------------------------------------------------- theme

type Theme = 'light' | 'dark';
function currentTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
function applyTheme(theme: Theme) {
  document.documentElement.dataset['theme'] = theme;
  document.querySelector('rm-provider')?.setAttribute('theme', theme);
  const toggle = document.querySelector<HTMLButtonElement>('#theme-toggle');
  if (toggle) {
    // A toggle button keeps one name; its pressed state says whether dark mode is on.
    toggle.setAttribute('aria-pressed', String(theme === 'dark'));
  }
}

// ---------------------------------------------------------------- session

function loadSession(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (!s || Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

async function login(username: string, password: string): Promise<Session> {
  const res = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json().catch(() => null)) as (Session & { error?: { message?: string } }) | null;
  if (!res.ok || !body?.token) throw new Error(body?.error?.message ?? `sign-in failed (${res.status})`);
  return { token: body.token, user: body.user, expiresAt: body.expiresAt };
}

let client: RetailMindClient | undefined;
let stopLive: (() => void)[] = [];

function signOut() {
  for (const stop of stopLive) stop();
  stopLive = [];
  client?.closeLive();
  client = undefined;
  sessionStorage.removeItem(SESSION_KEY);
  showSignIn();
}

// ---------------------------------------------------------------- sign-in

function showSignIn(message = '') {
  document.title = 'Sign in · RetailMind';
  app.innerHTML = `
    <main class="signin">
      <section class="signin-card" aria-labelledby="signin-title">
        <div class="brand"><span class="brand-mark" aria-hidden="true">RM</span> <span class="brand-name">RetailMind</span></div>
        <h1 id="signin-title">Sign in</h1>
        <p>Marketing decision intelligence for retail. Choose a demo account (password <code>demo</code>).</p>
        <ul class="accounts"></ul>
        <p class="signin-error" role="alert"></p>
      </section>
    </main>`;
  const list = app.querySelector('.accounts')!;
  for (const account of ACCOUNTS) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'account';
    button.dataset['username'] = account.username;
    const strong = document.createElement('strong');
    strong.textContent = `Sign in as ${account.title}`;
    const span = document.createElement('span');
    span.textContent = account.blurb;
    button.append(strong, span);
    button.addEventListener('click', async () => {
      for (const b of list.querySelectorAll('button')) b.disabled = true;
      try {
        const session = await login(account.username, 'demo');
        sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
        showDashboard(session);
      } catch (err) {
        showSignIn(err instanceof Error ? err.message : String(err));
      }
    });
    li.append(button);
    list.append(li);
  }
  app.querySelector('.signin-error')!.textContent = message;
}

// ---------------------------------------------------------------- dashboards

const KPI = (metrics: string[]) => `<div class="kpis" role="group" aria-label="Key figures" style="--kpis: ${metrics.length}">${metrics.map((m) => `<rm-kpi metric="${m}"></rm-kpi>`).join('')}</div>`;

const DASHBOARDS: Record<Role, { title: string; lede: string; body: string }> = {
  manager: {
    title: 'Marketing overview',
    lede: 'Where the money went, what it returned, and where it should go next.',
    body: `
      <rm-anomaly-banner></rm-anomaly-banner>
      ${KPI(['revenue', 'roi', 'conversionRate', 'budgetUtilizationPct', 'revenueGrowthPct', 'anomalyCount'])}
      <div class="half stack">
        <rm-channel-chart metric="roi" label="ROI by channel"></rm-channel-chart>
        <rm-channel-chart metric="spend" label="Spend by channel"></rm-channel-chart>
      </div>
      <rm-budget-sim class="half"></rm-budget-sim>
      <rm-recommendations limit="4"></rm-recommendations>
      <rm-health-table></rm-health-table>
      <rm-report></rm-report>`,
  },
  analyst: {
    title: 'Performance analysis',
    lede: 'Every channel and campaign, with the anomalies behind them and the data to take away.',
    body: `
      ${KPI(['revenue', 'spend', 'roi', 'roas', 'conversionRate', 'ctr', 'cpa', 'anomalyCount'])}
      <rm-channel-chart class="half" metric="revenue" label="Revenue by channel"></rm-channel-chart>
      <rm-channel-chart class="half" metric="conversionRate" label="Conversion rate by channel"></rm-channel-chart>
      <rm-anomaly-banner open limit="10"></rm-anomaly-banner>
      <rm-health-table status="critical,attention"></rm-health-table>
      <label class="filters" style="padding:0">
        <span>Data view for the exports
          <select id="export-view">
            <option value="report">Report</option>
            <option value="campaigns">Campaigns</option>
            <option value="channels">Channels</option>
            <option value="anomalies">Anomalies</option>
            <option value="recommendations">Recommendations</option>
          </select>
        </span>
      </label>
      <rm-report view="report"></rm-report>`,
  },
  leadership: {
    title: 'Executive summary',
    lede: 'The period at a glance: revenue, return and where it came from.',
    body: `
      ${KPI(['revenue', 'roi', 'revenueGrowthPct', 'spend', 'roas', 'budgetUtilizationPct'])}
      <rm-channel-chart class="wide" metric="roi" label="ROI by channel"></rm-channel-chart>
      <rm-channel-chart class="narrow" metric="contributionPct" label="Revenue contribution by channel"></rm-channel-chart>
      <rm-report audience="leadership"></rm-report>`,
  },
};

function showDashboard(session: Session) {
  const { role, username } = session.user;
  const dash = DASHBOARDS[role];
  document.title = `${dash.title} · RetailMind`;
  client = createClient({ baseUrl: '', token: session.token });
  app.innerHTML = `
    <header class="topbar">
      <div class="topbar-inner">
        <div class="brand"><span class="brand-mark" aria-hidden="true">RM</span> <span class="brand-name">RetailMind</span></div>
        <span class="role-badge" data-testid="role">${role}</span>
        <span class="spacer"></span>
        <span class="live" id="live" data-state="offline" role="status">Offline</span>
        <span class="who"></span>
        <button type="button" class="btn" id="theme-toggle" aria-pressed="false"><span class="btn-icon" aria-hidden="true">◐</span> <span class="btn-label">Dark mode</span></button>
        <button type="button" class="btn" id="sign-out">Sign out</button>
      </div>
    </header>
    <form class="filters" id="filters" aria-label="Filters for every widget">
      <label>From <input type="date" name="from" /></label>
      <label>To <input type="date" name="to" /></label>
      <label>Channel <select name="channel"><option value="">All channels</option></select></label>
      <label>Segment <select name="segment"><option value="">All segments</option></select></label>
      <button type="reset" class="btn">Reset</button>
    </form>
    <main id="dashboard" data-role="${role}">
      <h1>${dash.title}</h1>
      <p class="lede">${dash.lede}</p>
      <rm-provider api-base="" currency="USD" locale="en-US" user-role="${role}">
        <div class="grid">${dash.body}</div>
      </rm-provider>
      <p class="sr-only" id="action-status" role="status"></p>
    </main>`;
  app.querySelector('.who')!.textContent = `Signed in as ${username}`;
  const provider = app.querySelector<RmProvider>('rm-provider')!;
  provider.client = client;
  applyTheme(currentTheme());

  app.querySelector('#theme-toggle')!.addEventListener('click', () => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
  });
  app.querySelector('#sign-out')!.addEventListener('click', signOut);
  app.addEventListener('rm-auth-expired', () => signOut(), { once: true });
  app.addEventListener('rm-action', (e) => {
    const { action, recommendation } = (e as CustomEvent<{ action: string; campaignId: string; recommendation: { campaignName: string } }>).detail;
    app.querySelector('#action-status')!.textContent = `${action} requested for ${recommendation.campaignName}`;
  });
  const view = app.querySelector<HTMLSelectElement>('#export-view');
  view?.addEventListener('change', () => app.querySelector('rm-report')?.setAttribute('view', view.value));

  // Filters: shared by every widget through the provider.
  const form = app.querySelector<HTMLFormElement>('#filters')!;
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  let rangeChosen = false;
  const apply = () => {
    for (const name of ['from', 'to', 'channel', 'segment']) {
      const value = input(name).value;
      const own = name === 'from' || name === 'to' ? rangeChosen && value : value;
      if (own) provider.setAttribute(name, value);
      else provider.removeAttribute(name);
    }
  };
  form.addEventListener('change', (e) => {
    const name = (e.target as HTMLInputElement).name;
    if (name === 'from' || name === 'to') rangeChosen = true;
    const from = input('from').value;
    const to = input('to').value;
    if (from && to && from > to) return; // wait for a valid range
    apply();
  });
  form.addEventListener('reset', () => {
    rangeChosen = false;
    setTimeout(() => {
      showRange(lastRange);
      apply();
    });
  });
  let lastRange: { from: string; to: string } | undefined;
  const showRange = (range?: { from: string; to: string }) => {
    if (!range || rangeChosen) return;
    input('from').value = range.from;
    input('to').value = range.to;
  };

  const live = app.querySelector<HTMLElement>('#live')!;
  const labels: Record<ConnectionState, string> = { live: 'Live', connecting: 'Connecting…', offline: 'Offline' };
  const c = client;
  stopLive.push(
    c.onConnectionState((state) => {
      live.dataset['state'] = state;
      live.textContent = labels[state];
    }),
  );
  // The server's default range (the latest 30 days of data) moves as data arrives; the inputs follow it.
  stopLive.push(
    c.subscribe('summary', (payload) => {
      lastRange = payload.range;
      showRange(payload.range);
    }),
  );
  void c
    .meta()
    .then((meta) => {
      for (const [name, values] of [['channel', meta.channels], ['segment', meta.segments]] as const) {
        const select = input(name) as HTMLSelectElement;
        for (const value of values) select.add(new Option(value, value));
      }
      for (const name of ['from', 'to']) {
        const el = input(name) as HTMLInputElement;
        if (meta.dateRange.min) el.min = meta.dateRange.min;
        if (meta.dateRange.max) el.max = meta.dateRange.max;
      }
    })
    .catch(() => undefined);
  void c
    .dashboardSummary({})
    .then((s) => {
      lastRange ??= s.range;
      showRange(s.range);
    })
    .catch(() => undefined);
}

// ---------------------------------------------------------------- start

applyTheme(currentTheme());
const session = loadSession();
if (session) showDashboard(session);
else showSignIn();
