// check.mjs drives headless Chromium over a page that kgraph viz wrote and
// prints one JSON object with what it found; graph/viz's Go tests run it and
// assert on that object.
//
//   node check.mjs sample PAGE.html OUTDIR   the interactive checks and screenshots
//   node check.mjs timing PAGE.html          open + layout time only
//
// CHROMIUM names the browser binary (default /usr/bin/chromium).
import puppeteer from "puppeteer-core";
import path from "node:path";
import fs from "node:fs";

const [mode, page_, outDir] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const result = { mode };

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
    "--disable-sync", "--disable-quic", "--metrics-recording-only", "--lang=en-US"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The page must work offline: any request that leaves the file fails the test.
  const requests = [];
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    if (!/^(file|data):/.test(r.url())) { requests.push(r.url()); r.abort(); } else r.continue();
  });

  // An element is drawn unless its style hides it (":visible" reads a
  // style cache that lags behind class changes).
  await page.evaluateOnNewDocument(() => { window.drawn = (el) => el.style("display") !== "none"; });
  const t0 = Date.now();
  await page.goto("file://" + path.resolve(page_) + (process.env.KGVIZ_HASH ? "#" + process.env.KGVIZ_HASH : ""), { waitUntil: "load", timeout: 60000 });
  await page.waitForFunction(() => window.kgviz, { timeout: 60000 });
  await page.evaluate(() => window.kgviz.ready);
  result.openAndLayoutMs = Date.now() - t0;
  result.pageTiming = await page.evaluate(() => window.kgviz.timing());
  result.nodesDrawn = await page.evaluate(() => window.kgviz.cy.nodes().filter(drawn).length);
  result.edgesDrawn = await page.evaluate(() => window.kgviz.cy.edges().filter(drawn).length);
  result.nodesInData = await page.evaluate(() => window.kgviz.data.nodes.length);
  // Nodes laid out inside the viewport and not all on one spot.
  result.spread = await page.evaluate(() => {
    const bb = window.kgviz.cy.nodes().renderedBoundingBox();
    return { w: bb.w, h: bb.h };
  });

  if (mode === "timing" && outDir) {
    fs.mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, "scale.png") });
  }

  if (mode === "sample") {
    fs.mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, "graph.png") });

    // Search in Arabic: type the query, read the result list.
    await page.click("#search");
    await page.keyboard.type("المغرب");
    await page.waitForSelector("#results li", { timeout: 5000 });
    result.searchAr = await page.$$eval("#results li", (lis) => lis.map((li) => li.dataset.id));
    result.searchShort = await page.evaluate(() => window.kgviz.search("مغرب").map((n) => n.id));
    result.searchEn = await page.evaluate(() => window.kgviz.search("morocco").map((n) => n.id));

    // Click Morocco in the results, then read the panel.
    await page.click('#results li[data-id="country:MA"]');
    await page.waitForSelector("#panel .ev", { timeout: 5000 });
    result.panelTitle = await page.$eval("#panel-title", (e) => e.textContent);
    result.panelEvidence = await page.$$eval("#panel .ev .s", (els) => els.map((e) => e.textContent));
    result.panelArticles = await page.$$eval("#panel ul li", (els) => els.map((e) => e.textContent));
    await new Promise((r) => setTimeout(r, 400)); // the centring animation
    await page.screenshot({ path: path.join(outDir, "panel.png") });

    // Clicking the node itself on the canvas opens the same panel.
    const pos = await page.evaluate(() => {
      const n = window.kgviz.cy.getElementById("country:MA").renderedPosition();
      const box = document.getElementById("cy").getBoundingClientRect();
      return { x: box.left + n.x, y: box.top + n.y };
    });
    await page.evaluate(() => { document.getElementById("panel").innerHTML = ""; });
    await page.mouse.click(pos.x, pos.y);
    await page.waitForSelector("#panel-title", { timeout: 5000 });
    result.canvasClickTitle = await page.$eval("#panel-title", (e) => e.textContent);

    // An edge's panel shows its evidence and confidence.
    result.edgePanel = await page.evaluate(() => {
      const e = window.kgviz.cy.getElementById("country:MA").connectedEdges()[0];
      window.kgviz.showEdge(e.id());
      return { title: document.getElementById("panel-title").textContent,
        evidence: [...document.querySelectorAll("#panel .ev .s")].map((x) => x.textContent),
        text: document.getElementById("panel").textContent };
    });

    result.rtl = await rtlCheck(page);

    // Switch to English labels and read Morocco's caption.
    await page.select("#lang", "en");
    result.captionEn = await page.evaluate(() => window.kgviz.cy.getElementById("country:MA").data("label").replace(/[\u2066-\u2069]/g, ""));
    result.captionAr = await page.evaluate(() => window.kgviz.labelOf(window.kgviz.data.nodes.find((n) => n.id === "country:MA"), "ar").replace(/[\u2066-\u2069]/g, ""));
    await page.evaluate(() => { window.kgviz.cy.elements().unselect(); window.kgviz.cy.fit(undefined, 30); });
    await page.screenshot({ path: path.join(outDir, "graph-en.png") });

    // Filters: hide a type from the legend, then a date range with no articles.
    result.filterType = await page.evaluate(() => {
      const cb = document.querySelector('#legend input[data-type="Person"]');
      cb.click();
      const left = window.kgviz.cy.nodes().filter(drawn).filter((n) => n.data("type") === "Person").length ;
      cb.click();
      return left;
    });
    result.filterDate = await page.evaluate(() => {
      const since = document.getElementById("since");
      since.value = "2100-01-01";
      since.dispatchEvent(new Event("change"));
      const left = window.kgviz.cy.nodes().filter(drawn).length;
      since.value = "";
      since.dispatchEvent(new Event("change"));
      return { left, back: window.kgviz.cy.nodes().filter(drawn).length };
    });
  }
  if (mode === "rtl") result.rtl = await rtlCheck(page);
  result.errors = errors;
  result.externalRequests = requests;
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

// rtlCheck: the label the canvas draws, laid out in a left-to-right context
// (as canvas text is), must put its characters in the same visual order as
// the bare name in a dir=rtl element. It picks a label that mixes Arabic
// with Latin letters or digits if the graph has one, else Morocco's.
async function rtlCheck(page) {
  return page.evaluate(() => {
    const kg = window.kgviz;
    const mixed = kg.data.nodes.find((n) => /[\u0600-\u06FF]/.test(n.name_ar || "") && /[A-Za-z0-9]/.test(n.name_ar || "") && (n.name_ar || "").length < 60)
      || kg.data.nodes.find((n) => n.id === "country:MA");
    const name = mixed.name_ar;
    const label = kg.labelOf(mixed, "ar").split("\n")[0];
    function order(text, dir) {
      const div = document.createElement("div");
      div.dir = dir;
      div.style.cssText = "position:absolute;top:0;left:0;white-space:nowrap;font-size:20px";
      div.textContent = text;
      document.body.append(div);
      const node = div.firstChild, r = document.createRange(), xs = [];
      for (let i = 0; i < text.length; i++) {
        if (/[\u2066-\u2069\s]/.test(text[i])) continue;
        r.setStart(node, i); r.setEnd(node, i + 1);
        const b = r.getBoundingClientRect();
        xs.push({ ch: text[i], x: b.left });
      }
      div.remove();
      return xs;
    }
    const plain = label.replace(/[\u2066-\u2069]/g, "");
    const visual = (xs) => xs.slice().sort((a, b) => a.x - b.x).map((c) => c.ch).join("");
    const inLabel = order(label, "ltr");
    const mixedLabel = /[A-Za-z0-9]/.test(plain);
    return { name, label: plain, mixed: mixedLabel,
      firstCharRightOfLast: inLabel[0].x > inLabel[inLabel.length - 1].x,
      sameAsRTL: visual(inLabel) === visual(order(plain, "rtl")),
      bareDiffers: visual(order(plain, "ltr")) !== visual(inLabel) };
  });
}
