import { launchBrowser, desktopContext, phoneContext } from './support/browser';
const base = 'http://127.0.0.1:3930';
const out = '/tmp/shots-int';
async function main() {
  const browser = await launchBrowser();
  const plan: Record<string, { console?: string[]; phone?: string[] }> = {
    manager: { console: ['training', 'fact-sheet', 'meetings', 'inspections', 'assessment', 'assessment-scheme', 'assessment-recommendations'], phone: ['', 'manage/debrief', 'inspect', 'action-items', 'training'] },
    admin: { console: ['assessment', 'assessment-recommendations', 'assessment-scheme'] },
    supervisor: { phone: ['', 'inspect'] },
    client: { console: ['assessment', 'training', 'fact-sheet', 'meetings'] },
    hall: { phone: ['', 'training', 'fact-sheet', 'rectifications', 'action-items', 'assessment'] },
    tech: { phone: ['assessment'] },
  };
  for (const [login, p] of Object.entries(plan)) {
    if (p.console) {
      const ctx = await desktopContext(browser, base);
      const r = await ctx.request.post('/api/auth/login', { data: { login, password: 'anchang123' } });
      const me = await r.json();
      const siteId = me.sites[0].id;
      const page = await ctx.newPage();
      for (const key of p.console) {
        await page.goto(`/sites/${siteId}/${key}`);
        await page.waitForTimeout(2500);
        await page.screenshot({ path: `${out}/console-${login}-${key}.png`, fullPage: false });
      }
      void r;
      await ctx.close();
    }
    if (p.phone) {
      const ctx = await phoneContext(browser, base);
      await ctx.request.post('/api/auth/login', { data: { login, password: 'anchang123' } });
      const page = await ctx.newPage();
      for (const path of p.phone) {
        await page.goto(`/m/${path}`);
        await page.waitForTimeout(2500);
        await page.screenshot({ path: `${out}/phone-${login}-${path.replace(/\//g, '_') || 'home'}.png`, fullPage: true });
      }
      await ctx.close();
    }
  }
  await browser.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
