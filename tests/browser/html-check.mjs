#!/usr/bin/env node
// html-check.mjs REPORT.html [--screenshot OUT.png] [--expect-connections N]
//
// Opens a tcpview --html report in Debian's headless chromium (through
// playwright-core, installed by setup.sh) and checks that it is
// self-contained and follows the report's DOM contract:
//   - the page fetches nothing but itself (data:, blob:, about: allowed),
//     refers to nothing outside itself, logs no console error, throws none;
//   - body[data-connections] = connections; table.overview has one
//     tr[data-conn] per connection;
//   - section.conn[data-conn][data-packets] per connection drawn (fewer
//     only with a .cap-note on the page); in each: svg.ladder with
//     g.arrow[data-frame] and g.fold[data-packets] adding up to the
//     section's packets, ol.story li.ev[data-frame] one per packet, two
//     svg.tsg (data-dir c2s, s2c) whose .pt[data-frame] are one per packet
//     (counts not enforced on a section with data-capped);
//   - clicking an li.ev marks its arrow .hl, clicking an arrow marks its
//     li.ev .hl (first section, 2nd packet);
//   - typing a word of the first li.ev into input.search hides the li.ev
//     without it and keeps those with it; clearing shows all again.
// Prints one line per section and "ok"; exit 0 ok, 1 first failure,
// 2 usage, 77 when setup.sh cannot provide playwright-core or chromium.
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.TCPVIEW_CHROMIUM || "/usr/bin/chromium";
const NPM_CACHE = process.env.TCPVIEW_NPM_CACHE || path.join(HERE, "node_modules");
const NPM_PREFIX = path.join(NPM_CACHE, "npm"); // as in env.sh
const MAX_SHOT_HEIGHT = 4000;

function usage() {
  console.error("usage: node html-check.mjs REPORT.html [--screenshot OUT.png] [--expect-connections N]");
  process.exit(2);
}

// ---- arguments ---------------------------------------------------------
let file = null, shot = null, expectConn = null;
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === "--screenshot" && i + 1 < a.length) shot = a[++i];
    else if (v.startsWith("--screenshot=")) shot = v.slice(13);
    else if (v === "--expect-connections" && i + 1 < a.length) expectConn = a[++i];
    else if (v.startsWith("--expect-connections=")) expectConn = v.slice(21);
    else if (v === "-h" || v === "--help") usage();
    else if (v.startsWith("--")) { console.error(`html-check: unknown option ${v}`); usage(); }
    else if (file === null) file = v;
    else usage();
  }
  if (file === null) usage();
  if (expectConn !== null && !/^\d+$/.test(expectConn)) {
    console.error("html-check: --expect-connections needs a number"); process.exit(2);
  }
  if (expectConn !== null) expectConn = Number(expectConn);
  if (!existsSync(file) || !statSync(file).isFile()) {
    console.error(`html-check: ${file}: no such file`); process.exit(2);
  }
}
const NAME = path.basename(file);

// ---- playwright-core from the npm cache (setup.sh installs it) ----------
function loadPlaywright() {
  const req = createRequire(path.join(NPM_PREFIX, "package.json"));
  try { return req("playwright-core"); } catch { return null; }
}
let pw = loadPlaywright();
if (!pw || !existsSync(CHROMIUM)) {
  const r = spawnSync("sh", [path.join(HERE, "setup.sh")], { stdio: ["ignore", 2, 2] });
  if (r.status === 77) process.exit(77);
  if (r.status !== 0) { console.error(`html-check: setup.sh failed (${r.status ?? r.signal})`); process.exit(1); }
  pw = loadPlaywright();
  if (!pw) { console.error(`html-check: playwright-core not loadable from ${NPM_PREFIX}`); process.exit(77); }
}

class CheckFailure extends Error {}
function fail(msg) { throw new CheckFailure(msg); }

const fileUrl = pathToFileURL(path.resolve(file)).href;
const sameDoc = (u) => u.split("#")[0] === fileUrl;
const harmless = (u) => /^(data|blob|about):/i.test(u);

const browser = await pw.chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  timeout: 60000,
});
let status = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15000);
  const problems = [];   // found by event handlers, reported at check points
  page.on("request", (r) => {
    const u = r.url();
    if (!sameDoc(u) && !harmless(u)) problems.push(`the page fetched ${u}`);
  });
  page.on("websocket", (ws) => problems.push(`the page opened a WebSocket to ${ws.url()}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // Let nothing leave the machine (the request event above still fires).
  await page.route("**/*", (route) => {
    const u = route.request().url();
    return sameDoc(u) || harmless(u) ? route.continue() : route.abort();
  });
  const noProblems = (when) => { if (problems.length) fail(`${problems[0]} (${when})`); };

  const resp = await page.goto(fileUrl, { waitUntil: "load", timeout: 60000 });
  if (resp && !resp.ok() && resp.status() !== 0) fail(`loading the file gave status ${resp.status()}`);
  // lazy content below the fold: scroll through, then let timers run
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 800) {
      window.scrollTo(0, y); await new Promise((r) => requestAnimationFrame(r));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForTimeout(300);
  noProblems("while loading");

  // ---- references to the outside, found in the DOM and the style sheets --
  const refs = await page.evaluate(() => {
    const out = [];
    const ok = (v) => { v = v.trim(); return v === "" || v.startsWith("#") || /^(data|blob|about|javascript):/i.test(v); };
    for (const el of document.querySelectorAll("*")) {
      const tag = el.localName;
      if (tag === "a" || tag === "area") continue; // links are not fetches
      for (const attr of ["src", "href", "xlink:href", "poster", "data", "srcset", "background", "action"]) {
        const v = el.getAttribute(attr);
        if (v !== null && !ok(v)) out.push(`<${tag} ${attr}="${v}">`);
      }
      const st = el.getAttribute("style");
      if (st) for (const m of st.matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!ok(m[1])) out.push(`style url(${m[1]})`);
    }
    for (const s of document.querySelectorAll("style")) {
      for (const m of s.textContent.matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!ok(m[1])) out.push(`CSS url(${m[1]})`);
      for (const m of s.textContent.matchAll(/@import[^;]*/g)) out.push(`CSS ${m[0]}`);
    }
    return out;
  });
  if (refs.length) fail(`the page refers to ${refs[0]} (not self-contained)`);

  // ---- the DOM contract ---------------------------------------------------
  const dom = await page.evaluate(() => {
    const int = (v) => (v !== null && /^\d+$/.test(v) ? Number(v) : null);
    const r = {};
    r.connectionsAttr = document.body.getAttribute("data-connections");
    r.connections = int(r.connectionsAttr);
    const ov = document.querySelector("table.overview");
    r.overview = !!ov;
    r.overviewRows = ov ? [...ov.querySelectorAll("tr[data-conn]")].map((t) => t.getAttribute("data-conn")) : [];
    r.capNote = !!document.querySelector(".cap-note");
    r.search = !!document.querySelector("input.search");
    const size = (el) => { const b = el.getBoundingClientRect(); return [Math.round(b.width), Math.round(b.height)]; };
    r.sections = [...document.querySelectorAll("section.conn")].map((s) => {
      const ladders = [...s.querySelectorAll("svg.ladder")];
      const arrows = [...s.querySelectorAll("svg.ladder g.arrow")];
      const folds = [...s.querySelectorAll("svg.ladder g.fold")];
      const evs = [...s.querySelectorAll("ol.story li.ev")];
      const tsgs = [...s.querySelectorAll("svg.tsg")];
      const pts = [...s.querySelectorAll("svg.tsg .pt")];
      return {
        conn: s.getAttribute("data-conn"),
        packetsAttr: s.getAttribute("data-packets"),
        packets: int(s.getAttribute("data-packets")),
        capped: s.hasAttribute("data-capped"),
        ladders: ladders.map(size),
        arrows: arrows.map((a) => a.getAttribute("data-frame")),
        folds: folds.map((f) => f.getAttribute("data-packets")),
        stories: s.querySelectorAll("ol.story").length,
        evs: evs.map((e) => e.getAttribute("data-frame")),
        tsgs: tsgs.map((t) => ({ dir: t.getAttribute("data-dir"), size: size(t) })),
        pts: pts.map((p) => p.getAttribute("data-frame")),
      };
    });
    return r;
  });

  if (dom.connectionsAttr === null) fail("body has no data-connections attribute");
  if (dom.connections === null) fail(`body data-connections="${dom.connectionsAttr}" is not a number`);
  if (expectConn !== null && dom.connections !== expectConn)
    fail(`body data-connections=${dom.connections}, expected ${expectConn}`);
  if (!dom.overview) fail("no table.overview");
  if (dom.overviewRows.length !== dom.connections)
    fail(`table.overview has ${dom.overviewRows.length} tr[data-conn], body says ${dom.connections} connections`);
  if (new Set(dom.overviewRows).size !== dom.overviewRows.length) fail("table.overview repeats a data-conn");
  if (dom.sections.length > dom.connections)
    fail(`${dom.sections.length} section.conn for ${dom.connections} connections`);
  if (dom.sections.length < dom.connections && !dom.capNote)
    fail(`only ${dom.sections.length} of ${dom.connections} connections have a section.conn, and no .cap-note says why`);
  if (!dom.search) fail("no input.search");

  const seen = new Set();
  for (const s of dom.sections) {
    const where = `section.conn[data-conn=${s.conn}]`;
    if (s.conn === null || s.conn === "") fail("a section.conn has no data-conn");
    if (seen.has(s.conn)) fail(`two sections with data-conn=${s.conn}`);
    seen.add(s.conn);
    if (!dom.overviewRows.includes(s.conn)) fail(`${where} has no row in table.overview`);
    if (s.packets === null) fail(`${where}: data-packets="${s.packetsAttr}" is not a number`);
    if (s.ladders.length !== 1) fail(`${where}: ${s.ladders.length} svg.ladder, want 1`);
    if (s.ladders[0][0] === 0 || s.ladders[0][1] === 0) fail(`${where}: svg.ladder is drawn ${s.ladders[0].join("x")}`);
    const noFrame = s.arrows.filter((f) => f === null || f === "").length;
    if (noFrame) fail(`${where}: ${noFrame} g.arrow without data-frame`);
    let folded = 0;
    for (const f of s.folds) {
      if (f === null || !/^\d+$/.test(f)) fail(`${where}: g.fold with data-packets="${f}"`);
      folded += Number(f);
    }
    if (s.stories !== 1) fail(`${where}: ${s.stories} ol.story, want 1`);
    if (s.evs.some((f) => f === null || f === "")) fail(`${where}: an li.ev without data-frame`);
    const dirs = s.tsgs.map((t) => t.dir).sort().join(",");
    if (dirs !== "c2s,s2c") fail(`${where}: svg.tsg data-dir are [${dirs}], want c2s and s2c`);
    for (const t of s.tsgs) if (t.size[0] === 0 || t.size[1] === 0) fail(`${where}: svg.tsg[data-dir=${t.dir}] is drawn ${t.size.join("x")}`);
    if (s.pts.some((f) => f === null || f === "")) fail(`${where}: a .pt without data-frame`);
    if (!s.capped) {
      if (s.arrows.length + folded !== s.packets)
        fail(`${where}: ${s.arrows.length} arrows + ${folded} folded packets = ${s.arrows.length + folded}, data-packets=${s.packets}`);
      if (s.evs.length !== s.packets) fail(`${where}: ${s.evs.length} li.ev, data-packets=${s.packets}`);
      if (s.pts.length !== s.packets) fail(`${where}: ${s.pts.length} .pt in svg.tsg, data-packets=${s.packets}`);
      const evFrames = new Set(s.evs);
      const lost = s.arrows.find((f) => !evFrames.has(f));
      if (lost !== undefined) fail(`${where}: g.arrow[data-frame=${lost}] has no li.ev`);
    }
    console.log(`html-check: ${NAME}: conn ${s.conn}: ${s.packets} packets, ${s.arrows.length} arrows, ` +
      `${s.folds.length} folds (${folded} packets), ${s.pts.length} pts, ${s.evs.length} events${s.capped ? " (capped)" : ""}`);
  }
  if (dom.sections.length < dom.connections)
    console.log(`html-check: ${NAME}: ${dom.sections.length} of ${dom.connections} connections drawn (.cap-note present)`);

  // ---- highlighting: li.ev -> g.arrow and back ----------------------------
  if (dom.sections.length) {
    const s0 = dom.sections[0];
    const sec = page.locator("section.conn").first();
    const arrowSet = new Set(s0.arrows);
    // the 2nd packet, or the first later one that has an arrow of its own
    const idx = s0.evs.findIndex((f, i) => i >= 1 && arrowSet.has(f));
    if (idx < 0) {
      console.log(`html-check: ${NAME}: conn ${s0.conn}: no 2nd packet with an arrow, highlighting not tried`);
    } else {
      const f = s0.evs[idx];
      const hasHl = (loc) => loc.evaluate((e) => e.classList.contains("hl"));
      const li = sec.locator(`ol.story li.ev[data-frame="${f}"]`).first();
      const arrow = sec.locator(`svg.ladder g.arrow[data-frame="${f}"]`).first();
      try {
        await li.scrollIntoViewIfNeeded({ timeout: 5000 });
        await li.click({ timeout: 5000 });
      } catch (e) {
        fail(`conn ${s0.conn}: cannot click li.ev[data-frame=${f}]: ${String(e.message).split("\n")[0]}`);
      }
      if (!(await hasHl(arrow))) fail(`conn ${s0.conn}: clicking li.ev[data-frame=${f}] did not mark g.arrow[data-frame=${f}] with .hl`);
      // and back: an arrow other than f's, so the mark has to move
      const g = s0.arrows.find((x) => x !== f && s0.evs.includes(x));
      const back = g === undefined ? f : g;
      if (g === undefined) await li.evaluate((e) => e.closest("section.conn").querySelectorAll(".hl").forEach((x) => x.classList.remove("hl")));
      await sec.locator(`svg.ladder g.arrow[data-frame="${back}"]`).first().dispatchEvent("click");
      if (!(await hasHl(sec.locator(`ol.story li.ev[data-frame="${back}"]`).first())))
        fail(`conn ${s0.conn}: clicking g.arrow[data-frame=${back}] did not mark li.ev[data-frame=${back}] with .hl`);
      console.log(`html-check: ${NAME}: conn ${s0.conn}: highlighting ok (li.ev ${f} -> arrow, arrow ${back} -> li.ev)`);
    }
    noProblems("after clicking");
  }

  // ---- search -------------------------------------------------------------
  const evTexts = await page.$$eval("li.ev", (els) => els.map((e) => e.textContent.toLowerCase()));
  if (evTexts.length >= 2) {
    const words = [...new Set(evTexts[0].match(/[\p{L}\p{N}]{3,}/gu) || [])];
    // the rarest word that some li.ev lack; words with letters before numbers
    let word = null, best = Infinity, bestKey = Infinity;
    for (const w of words) {
      const n = evTexts.filter((t) => t.includes(w)).length;
      const key = (/\p{L}/u.test(w) ? 0 : 1e9) + n;
      if (n < evTexts.length && key < bestKey) { bestKey = key; best = n; word = w; }
    }
    if (word === null) {
      console.log(`html-check: ${NAME}: every word of the first li.ev is in all of them; search not tried`);
    } else {
      const box = page.locator("input.search").first();
      try {
        await box.scrollIntoViewIfNeeded({ timeout: 5000 });
        await box.click({ timeout: 5000 });
        await box.pressSequentially(word, { delay: 5, timeout: 5000 });
      } catch (e) {
        fail(`cannot type into input.search: ${String(e.message).split("\n")[0]}`);
      }
      await page.waitForTimeout(100);
      const vis = await page.$$eval("li.ev", (els) => els.map((e) => {
        const cs = getComputedStyle(e);
        return e.getClientRects().length > 0 && cs.visibility !== "hidden";
      }));
      const shown = vis.filter(Boolean).length;
      if (shown === vis.length) fail(`search "${word}": no li.ev was hidden (${best} of ${vis.length} contain it)`);
      if (shown === 0) fail(`search "${word}": every li.ev was hidden`);
      for (let i = 0; i < vis.length; i++) {
        const has = evTexts[i].includes(word);
        if (has && !vis[i]) fail(`search "${word}": li.ev #${i + 1} contains it but was hidden`);
        if (!has && vis[i]) fail(`search "${word}": li.ev #${i + 1} does not contain it but is shown`);
      }
      // clear it (keys, so both input and key listeners see it)
      await box.press("Control+a");
      await box.press("Backspace");
      if ((await box.inputValue()) !== "") await box.fill("");
      await page.waitForTimeout(100);
      const hidden = await page.$$eval("li.ev", (els) => els.filter((e) => e.getClientRects().length === 0).length);
      if (hidden) fail(`search cleared: ${hidden} li.ev still hidden`);
      console.log(`html-check: ${NAME}: search "${word}" ok (${shown} of ${vis.length} li.ev shown, all back when cleared)`);
    }
    noProblems("after searching");
  }

  // ---- screenshot -----------------------------------------------------------
  if (shot) {
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (h <= MAX_SHOT_HEIGHT) await page.screenshot({ path: shot, fullPage: true });
    else await page.screenshot({ path: shot, fullPage: true, clip: { x: 0, y: 0, width: w, height: MAX_SHOT_HEIGHT } });
    console.log(`html-check: ${NAME}: screenshot ${shot} (${w}x${Math.min(h, MAX_SHOT_HEIGHT)} of ${h} px)`);
  }
  noProblems("at the end");
  console.log(`html-check: ${NAME}: ok`);
} catch (e) {
  status = 1;
  if (e instanceof CheckFailure) console.error(`html-check: ${NAME}: FAIL: ${e.message}`);
  else console.error(`html-check: ${NAME}: FAIL: ${e && e.stack ? e.stack : e}`);
} finally {
  await browser.close().catch(() => {});
}
process.exit(status);
