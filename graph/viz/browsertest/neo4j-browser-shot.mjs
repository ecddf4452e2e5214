// neo4j-browser-shot.mjs takes a screenshot of Neo4j Browser with the kgraph
// style applied, running one command or query when it connects. It is how
// the README's Browser picture is made (not part of the test suite):
//
//   kgraph browser-style --out /tmp/kgraph.grass
//   node neo4j-browser-shot.mjs http://127.0.0.1:7474 bolt://127.0.0.1:7687 /tmp/kgraph.grass OUT.png 'MATCH p = … RETURN p'
//
// The style goes in the way Browser keeps it (localStorage "neo4j.grass",
// the parsed rules), which is what dragging the file onto Browser does.
import puppeteer from "puppeteer-core";
import fs from "node:fs";

const [http, bolt, grassFile, out, cmd] = process.argv.slice(2);

// parseGraSS turns "selector { key: value; }" rules into Browser's object.
function parseGraSS(text) {
  const rules = {};
  text = text.replace(/\/\*[\s\S]*?\*\//g, "");
  for (const m of text.matchAll(/([A-Za-z_.]+) \{\n([\s\S]*?)\n\}/g)) {
    const props = {};
    for (const line of m[2].split("\n")) {
      const i = line.indexOf(":");
      if (i < 0) continue;
      props[line.slice(0, i).trim()] = line.slice(i + 1).trim().replace(/;$/, "").replace(/^"(.*)"$/, "$1");
    }
    rules[m[1]] = props;
  }
  return rules;
}

const grass = parseGraSS(fs.readFileSync(grassFile, "utf8"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.evaluateOnNewDocument((grass, cmd) => {
    localStorage.setItem("neo4j.grass", JSON.stringify(grass));
    const s = JSON.parse(localStorage.getItem("neo4j.settings") || "{}");
    s.initCmd = cmd;
    s.playImplicitInitCommands = true;
    localStorage.setItem("neo4j.settings", JSON.stringify(s));
  }, grass, cmd);
  await page.goto(`${http}/browser/?preselectAuthMethod=NO_AUTH&connectURL=${encodeURIComponent(bolt)}`, { waitUntil: "networkidle2", timeout: 60000 });
  await new Promise((r) => setTimeout(r, 6000)); // connect, run, lay out
  // Close banners (usage-data notice) so they do not cover the picture.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("div")) {
      if (el.children.length < 4 && /collect information on product usage/.test(el.textContent) && el.textContent.length < 200) {
        const close = el.querySelector("button, [role=button], svg");
        if (close) close.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      }
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  // The first (newest) frame: the command's result.
  const frame = await page.evaluate(() => {
    const f = [...document.querySelectorAll("article, [data-testid=frame]")].find((e) => e.getBoundingClientRect().height > 200);
    if (!f) return null;
    const r = f.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  await page.screenshot({ path: out, clip: frame || undefined });
} finally {
  await browser.close();
}
